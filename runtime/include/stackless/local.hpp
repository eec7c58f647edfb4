// stackless/local.hpp — a local of poll() whose type cannot be written
// there, with its lifetime managed by hand.
//
// A local with a destructor inside the scope of an object the frame keeps
// must be destroyed before it, explicitly (Slot). A Slot is declared at the
// top of poll, which needs the type spelled; a lambda's type, or `auto` in a
// template, cannot be. When no resume jump crosses such a local, it is
// declared where the user declared it instead, made by a lambda that
// returns it (so that guaranteed copy elision constructs it in place):
//
//     auto cmp_ = stackless::detail::make_local([&] { return [k](int a) { ... }; });
//     auto &cmp = cmp_.ref();
//     ...
//     cmp_.destroy();  // the end of its scope, before the kept objects
//
// If an exception leaves the scope first, its own destructor ends it.
#pragma once

#include <memory>
#include <new>
#include <type_traits>

namespace stackless::detail {

template <class T>
class Local {
public:
    template <class Make>
    explicit Local(Make& make) {
        ::new (static_cast<void*>(bytes_)) T(make());
        alive_ = true;
    }
    Local(const Local&) = delete;
    Local& operator=(const Local&) = delete;
    ~Local() {
        if (alive_) destroy();
    }

    T& ref() noexcept { return *std::launder(reinterpret_cast<T*>(bytes_)); }
    void destroy() noexcept {
        alive_ = false;
        std::destroy_at(&ref());
    }

private:
    alignas(T) unsigned char bytes_[sizeof(T)];
    bool alive_ = false;
};

template <class Make>
Local<std::invoke_result_t<Make&>> make_local(Make make) {
    return Local<std::invoke_result_t<Make&>>(make);
}

}  // namespace stackless::detail
