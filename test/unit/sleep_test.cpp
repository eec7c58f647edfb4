// sleep_for / sleep_until and the process-wide timer queue.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace stackless;
using namespace std::chrono_literals;

namespace {

/// Awaits `sleep`, then appends its deadline to `log` (on the executor
/// thread) if it was registered in the timer queue before that deadline. (A
/// deadline already past at the first poll is Ready at once; one that passes
/// while being registered may be woken after later deadlines that were
/// queued in time. The test runs on loaded machines and under sanitizers.)
struct RecordDeadline {
  using Output = void;
  Sleep sleep;
  std::vector<Sleep::Clock::time_point>* log;
  bool first_poll = true;
  bool queued_in_time = false;
  Poll<void> poll(Context& cx) {
    const bool pending = sleep.poll(cx).is_pending();
    if (std::exchange(first_poll, false)) queued_in_time = pending && Sleep::Clock::now() < sleep.deadline();
    if (pending) return Poll<void>::pending();
    if (queued_in_time) log->push_back(sleep.deadline());
    return Poll<void>::ready();
  }
};

}  // namespace

TEST(Sleep, ReadyAfterTheDuration) {
  const auto start = std::chrono::steady_clock::now();
  Sleep sleep = sleep_for(10ms);
  block_on(sleep);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 10ms);
  EXPECT_THROW(test::poll_once(sleep), std::logic_error);
}

TEST(Sleep, UntilATimePointOfAnotherClock) {
  const auto start = std::chrono::steady_clock::now();
  Sleep sleep = sleep_until(std::chrono::system_clock::now() + 10ms);
  block_on(sleep);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 10ms);
  Sleep past = sleep_until(std::chrono::system_clock::now() - 1s);
  EXPECT_TRUE(test::poll_once(past).is_ready());
}

TEST(Sleep, PastDeadlineIsReadyAtOnce) {
  Sleep sleep = sleep_until(std::chrono::steady_clock::now() - 1ms);
  EXPECT_TRUE(test::poll_once(sleep).is_ready());
}

TEST(Sleep, TenThousandTimersWakeInDeadlineOrder) {
  constexpr int kSleeps = 10'000;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> micros(0, 50'000);
  std::vector<Sleep::Clock::time_point> woken;
  woken.reserve(kSleeps);
  auto [executor, spawner] = new_executor_and_spawner();
  for (int i = 0; i < kSleeps; ++i) {
    // 200 ms + up to 50 ms: (nearly) all are registered before the first one
    // is due, even under a sanitizer on a loaded machine.
    spawner.spawn(RecordDeadline{sleep_for(200ms + std::chrono::microseconds(micros(random))), &woken});
  }
  { Spawner dropped = std::move(spawner); }
  executor.run();
  EXPECT_GE(woken.size(), static_cast<std::size_t>(kSleeps / 10)) << "too few sleeps queued in time to test";
  EXPECT_TRUE(std::is_sorted(woken.begin(), woken.end()));
}

TEST(Sleep, DroppedSleepDeregisters) {
  test::CountingWaker counter;
  {
    Sleep sleep = sleep_for(10s);
    const Waker waker = counter.make();
    Context cx(waker);
    EXPECT_TRUE(sleep.poll(cx).is_pending());  // registered, the queue holding a copy of the Waker
    EXPECT_EQ(counter.alive(), 2);
  }
  EXPECT_EQ(counter.alive(), 0);  // dropped: the queue let go of its entry and its Waker
  block_on(sleep_for(1ms));       // and keeps serving the others
  EXPECT_EQ(counter.woken(), 0);
}

TEST(Sleep, MovedAfterRegisteringStillFires) {
  std::vector<Sleep> sleeps;
  sleeps.reserve(1);
  Sleep first = sleep_for(50ms);
  EXPECT_TRUE(test::poll_once(first).is_pending());
  sleeps.push_back(std::move(first));  // re-points the registration
  EXPECT_THROW(test::poll_once(first), std::logic_error);
  block_on(sleeps.front());
  SUCCEED();
}

TEST(Sleep, ManyThreadsSleepAtOnce) {
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&done, t] {
      for (int i = 0; i < 20; ++i) block_on(sleep_for(std::chrono::microseconds(100 * ((i + t) % 5))));
      done.fetch_add(1);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 4);
}
