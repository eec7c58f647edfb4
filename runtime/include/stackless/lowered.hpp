// stackless/lowered.hpp — the few helpers that generated code calls.
//
// Code emitted by the stackless tool polls an awaited future and, when it is
// Ready, moves the value into a Slot (a move is the one copy-free hand-over
// SPEC 2.3 allows). The checked errors of SPEC 2.5 and 2.8 are here too.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include "context.hpp"
#include "poll.hpp"
#include "slot.hpp"

/// Generated code catches exceptions only where the compiler has them:
/// output for inputs without try/throw also builds with -fno-exceptions.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define STACKLESS_HAS_EXCEPTIONS 1
#else
#define STACKLESS_HAS_EXCEPTIONS 0
#endif

namespace stackless {
namespace detail {

/// Raises std::logic_error, or aborts with the message under -fno-exceptions.
[[noreturn]] inline void misuse(const std::string& message) {
#if STACKLESS_HAS_EXCEPTIONS
    throw std::logic_error(message);
#else
    std::fprintf(stderr, "%s\n", message.c_str());
    std::abort();
#endif
}

[[noreturn]] inline void polled_after_completion(const char* function) {
    misuse(std::string("stackless: the future of `") + function +
           "` was polled after it completed");
}

[[noreturn]] inline void polled_after_exception(const char* function) {
    misuse(std::string("stackless: the future of `") + function +
           "` was polled after an exception escaped it (it is poisoned)");
}

[[noreturn]] inline void moved_after_poll(const char* function) {
    misuse(std::string("stackless: the future of `") + function +
           "` was moved after its first poll (it may point into itself)");
}

[[noreturn]] inline void fell_off_end(const char* function) {
    misuse(std::string("stackless: `") + function +
           "` reached the end of its body without returning a value");
}

/// Polls f once; when Ready, moves its value into `out` and returns true.
template <class F, class R>
bool poll_into(F&& f, Context& cx, Slot<R>& out) {
    auto p = f.poll(cx);
    if (p.is_pending()) return false;
    ::new (out.storage()) R(std::move(p.value()));
    return true;
}

/// Moves a kept value out of its slot; it is no longer alive.
template <class T>
T take(Slot<T>& slot, bool& alive) {
    alive = false;
    return slot.take();
}

/// Polls f once; true when Ready (the value, if any, is dropped at once).
template <class F>
bool poll_ready(F&& f, Context& cx) {
    return f.poll(cx).is_ready();
}

}  // namespace detail
}  // namespace stackless
