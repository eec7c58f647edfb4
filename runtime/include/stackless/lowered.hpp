// stackless/lowered.hpp — the few helpers that generated code calls.
//
// Code emitted by the stackless tool polls an awaited future and, when it is
// Ready, moves the value into a Slot (a move is the one copy-free hand-over
// SPEC 2.3 allows). The checked errors of SPEC 2.5 and 2.8 are here too,
// raised through misuse() (config.hpp, which also defines the
// STACKLESS_HAS_EXCEPTIONS that generated code tests).
#pragma once

#include <array>  // a range-for over a braced list keeps its elements in one
#include <new>
#include <string>
#include <utility>

#include "config.hpp"  // STACKLESS_HAS_EXCEPTIONS, misuse()
#include "context.hpp"
#include "poll.hpp"
#include "slot.hpp"

/// The checked errors are rare: kept out of line so poll() stays small
/// enough for the compilers to inline a chain of futures.
#if defined(__GNUC__) || defined(__clang__)
#define STACKLESS_COLD [[noreturn]] __attribute__((cold, noinline))
#else
#define STACKLESS_COLD [[noreturn]]
#endif

namespace stackless {
namespace detail {

/// poll() on a future that completed, or that an exception escaped (it is
/// poisoned). One message for both: a second argument telling them apart
/// costs enough at every call site that g++ stops inlining a chain of polls.
STACKLESS_COLD inline void polled_when_done(const char* function) {
    misuse(std::string("stackless: the future of `") + function +
           "` was polled after it completed, or after an exception escaped it (poisoned)");
}

STACKLESS_COLD inline void moved_after_poll(const char* function) {
    misuse(std::string("stackless: the future of `") + function +
           "` was moved after its first poll (it may point into itself)");
}

STACKLESS_COLD inline void fell_off_end(const char* function) {
    misuse(std::string("stackless: `") + function +
           "` reached the end of its body without returning a value");
}

/// The default of a try block's resume dispatch: only states inside the
/// try block jump there, so reaching it is a bug of the tool. Being
/// [[noreturn]], it also tells the compiler that the try body is entered
/// from its start only by falling into it.
STACKLESS_COLD inline void bad_resume_into_try(const char* function) {
    misuse(std::string("stackless: internal error: `") + function +
           "` resumed into a try block from a state outside it");
}

/// Polls f once; when Ready, moves its value into `out` and returns true.
template <class F, class R>
inline bool poll_into(F&& f, Context& cx, Slot<R>& out) {
    auto p = f.poll(cx);
    if (p.is_pending()) return false;
    ::new (out.storage()) R(std::move(p.value()));
    return true;
}

/// Moves a kept value out of its slot; it is no longer alive.
template <class T>
inline T take(Slot<T>& slot, bool& alive) {
    alive = false;
    return slot.take();
}

/// Polls f once; true when Ready (the value, if any, is dropped at once).
template <class F>
inline bool poll_ready(F&& f, Context& cx) {
    return f.poll(cx).is_ready();
}

}  // namespace detail
}  // namespace stackless
