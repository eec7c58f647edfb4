// stackless/scope_exit.hpp — run a function when a scope is left.
//
// Generated code destroys the objects a future keeps by hand. When an
// exception escapes, C++ destroys ordinary locals while the exception is
// in flight (std::uncaught_exceptions() counts it, and a rollback guard
// rolls back). To destroy the kept objects the same way, a catch-all
// handler does it in the destructor of a local, while it rethrows:
//
//     } catch (...) {
//         stackless::detail::ScopeExit unwind{[&]() noexcept { t.destroy(); }};
//         throw;  // in flight again: `unwind` is destroyed by the unwinding
//     }
#pragma once

#include <utility>

namespace stackless::detail {

template <class F>
class ScopeExit {
public:
    explicit ScopeExit(F f) : f_(std::move(f)) {}
    ScopeExit(const ScopeExit&) = delete;
    ScopeExit& operator=(const ScopeExit&) = delete;
    // Out of line: it runs only when an exception escapes (cold), and g++
    // would otherwise inline it into poll and, not seeing the `live` flags
    // that guard each destroy(), warn of slots "maybe uninitialized".
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((cold, noinline))
#endif
    ~ScopeExit() { f_(); }

private:
    F f_;
};

template <class F>
ScopeExit(F) -> ScopeExit<F>;

}  // namespace stackless::detail
