// TimerFuture: the talk's thread-per-timer future.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

#include "test_support.hpp"

using namespace stackless;
using namespace std::chrono_literals;

TEST(TimerFuture, CompletesAfterItsDuration) {
  const auto start = std::chrono::steady_clock::now();
  TimerFuture timer(15ms);
  block_on(timer);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 15ms);
  EXPECT_THROW(test::poll_once(timer), std::logic_error);  // polled after Ready
}

TEST(TimerFuture, WakesTheLatestWaker) {
  test::CountingWaker first;
  test::CountingWaker second;
  TimerFuture timer(100ms);
  {
    const Waker a = first.make();
    Context cx(a);
    EXPECT_TRUE(timer.poll(cx).is_pending());
  }
  {
    const Waker b = second.make();
    Context cx(b);
    EXPECT_TRUE(timer.poll(cx).is_pending());  // replaces the stored Waker
  }
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (second.woken() == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(second.wakes.load(), 1);  // wake(): the timer thread gives its reference up
  EXPECT_EQ(second.alive(), 0);
  EXPECT_EQ(first.woken(), 0);
  EXPECT_EQ(first.alive(), 0);
  EXPECT_TRUE(test::poll_once(timer).is_ready());
}

TEST(TimerFuture, MovedFromThrows) {
  TimerFuture timer(1ms);
  TimerFuture moved = std::move(timer);
  EXPECT_THROW(test::poll_once(timer), std::logic_error);
  block_on(moved);
  SUCCEED();
}
