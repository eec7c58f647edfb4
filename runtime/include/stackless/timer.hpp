// stackless/timer.hpp — TimerFuture: the talk's timer, a thread per timer.
//
// Exactly the design of the talk (and of the Rust async book): constructing
// a TimerFuture starts a thread that sleeps for the duration, then sets
// `completed` in a state shared with the future and wakes the Waker the
// future stored there. poll() checks `completed`; if not yet, it stores a
// copy of the current Waker and returns Pending.
//
//     shared state (std::shared_ptr):  mutex { completed: bool, waker: optional<Waker> }
//       future:  poll() -> lock; completed ? Ready : (store waker, Pending)
//       thread:  sleep(duration); lock; completed = true; take waker; unlock; wake it
//
// Simple, and costly: one thread per timer. Use sleep_for()/sleep_until()
// (sleep.hpp) for many timers. One difference from the talk: the thread
// wakes the Waker after releasing the lock, so the woken task never waits
// for it.
//
// Invariants: Output is void; the timer runs from construction, whether or
// not the future is polled; dropping the future does not stop the thread,
// which then wakes nobody (or a stale Waker, harmlessly). Polling after
// Ready, or a moved-from TimerFuture, throws std::logic_error.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"
#include "waker.hpp"

namespace stackless {

class TimerFuture {
 public:
  using Output = void;

  template <class Rep, class Period>
  explicit TimerFuture(std::chrono::duration<Rep, Period> duration) : shared_(std::make_shared<SharedState>()) {
    std::thread([shared = shared_, duration] {
      std::this_thread::sleep_for(duration);
      std::optional<Waker> waker;
      {
        std::lock_guard<std::mutex> lock(shared->mutex);
        shared->completed = true;
        waker.swap(shared->waker);
      }
      if (waker) waker->wake();
    }).detach();
  }

  Poll<void> poll(Context& cx) {
    if (shared_ == nullptr || done_)
      detail::misuse("stackless: TimerFuture polled after completion (or after being moved from)");
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->completed) {
      done_ = true;
      return Poll<void>::ready();
    }
    shared_->waker = cx.waker();  // the Waker may differ from the last poll's: keep the latest
    return Poll<void>::pending();
  }

 private:
  struct SharedState {
    std::mutex mutex;
    bool completed = false;       // set by the thread when the time is up
    std::optional<Waker> waker;   // the Waker of the latest poll
  };

  std::shared_ptr<SharedState> shared_;  // null once moved from
  bool done_ = false;                    // returned Ready
};

}  // namespace stackless
