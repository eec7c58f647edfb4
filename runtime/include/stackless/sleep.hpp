// stackless/sleep.hpp — sleep_for(d) / sleep_until(t): scalable timer futures.
//
// A Sleep becomes Ready once its deadline has passed. Unlike TimerFuture it
// starts no thread: its first poll registers it in the one process-wide
// timer queue (timer_queue.hpp), whose thread wakes it at the deadline.
//
//     await(sleep_for(std::chrono::milliseconds(5)));
//
// States:   Unregistered --first poll--> Registered --fired, polled--> Done
//           (a deadline already passed at the first poll goes straight to Done)
//
// Invariants: like every future, a Sleep is lazy: the time runs from
// construction, but nothing is registered before the first poll. Destroying
// a Registered Sleep removes it from the queue; moving one (even after its
// first poll) moves its registration along. Polling a Done or moved-from
// Sleep throws std::logic_error. Output is void.
#pragma once

#include <chrono>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"
#include "timer_queue.hpp"

namespace stackless {

class Sleep {
 public:
  using Output = void;
  using Clock = detail::TimerClock;

  explicit Sleep(Clock::time_point deadline) noexcept { entry_.deadline = deadline; }

  Sleep(Sleep&& other) : state_(std::exchange(other.state_, State::Done)) {
    if (state_ == State::Registered) {
      detail::TimerQueue::instance().relocate(other.entry_, entry_);
    } else {
      entry_.deadline = other.entry_.deadline;
    }
  }
  Sleep& operator=(Sleep&&) = delete;

  ~Sleep() {
    if (state_ == State::Registered) detail::TimerQueue::instance().remove(entry_);
  }

  Poll<void> poll(Context& cx) {
    switch (state_) {
      case State::Unregistered:
        if (Clock::now() >= entry_.deadline) break;
        detail::TimerQueue::instance().insert(entry_, cx.waker());
        state_ = State::Registered;
        return Poll<void>::pending();
      case State::Registered:
        if (!detail::TimerQueue::instance().poll(entry_, cx.waker())) return Poll<void>::pending();
        break;
      case State::Done:
        detail::misuse("stackless: Sleep polled after completion (or after being moved from)");
    }
    state_ = State::Done;
    return Poll<void>::ready();
  }

  Clock::time_point deadline() const noexcept { return entry_.deadline; }

 private:
  enum class State { Unregistered, Registered, Done };

  State state_ = State::Unregistered;
  detail::TimerEntry entry_;  // queued in the timer queue while Registered
};

/// A future that is Ready once `deadline` (of the steady clock) has passed.
template <class Duration>
Sleep sleep_until(std::chrono::time_point<Sleep::Clock, Duration> deadline) {
  return Sleep(std::chrono::ceil<Sleep::Clock::duration>(deadline));
}

/// The same for a time point of another clock (`system_clock`): converted
/// once, now, to the steady clock (as std::this_thread::sleep_until would
/// wait for; a later change of the system clock does not move it).
template <class OtherClock, class Duration,
          std::enable_if_t<!std::is_same_v<OtherClock, Sleep::Clock>, int> = 0>
Sleep sleep_until(std::chrono::time_point<OtherClock, Duration> deadline) {
  const auto left = deadline - OtherClock::now();
  return Sleep(Sleep::Clock::now() + std::chrono::ceil<Sleep::Clock::duration>(left));
}

/// A future that is Ready once `duration` has elapsed, counted from now.
template <class Rep, class Period>
Sleep sleep_for(std::chrono::duration<Rep, Period> duration) {
  return Sleep(Sleep::Clock::now() + std::chrono::ceil<Sleep::Clock::duration>(duration));
}

}  // namespace stackless
