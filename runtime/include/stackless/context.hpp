// stackless/context.hpp — Context: what a future is given when it is polled.
//
// Today a Context carries only the Waker of the task being polled (as in
// Rust's std::task::Context). A future that returns Pending must arrange for
// that Waker — or a copy of it — to be woken later.
//
// Invariant: a Context refers to a Waker that outlives it; the reference is
// only valid during the poll call. A future that needs the Waker later copies
// it (`Waker w = cx.waker();`). Building a Context from a temporary Waker is
// rejected at compile time because it would dangle (`Waker::noop()` is not
// one: it is a reference to a Waker that lives as long as the program).
#pragma once

#include "waker.hpp"

namespace stackless {

class Context {
 public:
  explicit Context(const Waker& waker) noexcept : waker_(&waker) {}
  Context(Waker&&) = delete;  // the Waker must outlive the Context

  const Waker& waker() const noexcept { return *waker_; }

 private:
  const Waker* waker_;
};

}  // namespace stackless
