// stackless/yield_now.hpp — yield_now(): let the other tasks run once.
//
// The first poll wakes its own Waker and returns Pending, so the executor
// puts the task at the back of its ready queue; the second poll is Ready.
//
// Invariants: Output is void; polling after Ready throws std::logic_error.
#pragma once


#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"

namespace stackless {

class YieldNow {
 public:
  using Output = void;

  Poll<void> poll(Context& cx) {
    switch (state_) {
      case State::Start:
        state_ = State::Yielded;
        cx.waker().wake_by_ref();
        return Poll<void>::pending();
      case State::Yielded:
        state_ = State::Done;
        return Poll<void>::ready();
      case State::Done:
        break;
    }
    detail::misuse("stackless: yield_now() future polled after completion");
  }

 private:
  enum class State { Start, Yielded, Done };
  State state_ = State::Start;
};

/// A future that is Pending once (waking itself at once), then Ready.
inline YieldNow yield_now() { return YieldNow(); }

}  // namespace stackless
