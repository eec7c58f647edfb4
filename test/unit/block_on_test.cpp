// block_on: polls on the calling thread, parks while Pending, woken from anywhere.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "test_support.hpp"

using namespace stackless;
using namespace std::chrono_literals;

TEST(BlockOn, ReturnsTheOutput) {
  EXPECT_EQ(block_on(ready(std::string("hello"))), "hello");
  block_on(ready());  // void
  test::LifeCounts counts;
  test::Countdown countdown(counts, 3, 7);
  EXPECT_EQ(block_on(countdown), 7);  // polled in place, self-wakes don't block
  EXPECT_EQ(countdown.polls(), 4);
  EXPECT_EQ(counts.moved, 0);
}

TEST(BlockOn, ParksUntilWokenFromAnotherThread) {
  test::Event event;
  const auto start = std::chrono::steady_clock::now();
  std::thread setter([event] {
    std::this_thread::sleep_for(20ms);
    event.set();
  });
  block_on(event.wait());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  EXPECT_LE(event.polls(), 2);  // parked in between: no busy polling
  setter.join();
}

TEST(BlockOn, SpuriousWakesOnlyRepoll) {
  test::Event event;
  std::thread waker([event] {
    while (!event.has_waker()) std::this_thread::yield();
    event.wake_only();  // a wake without progress
    std::this_thread::sleep_for(10ms);
    event.set();
  });
  block_on(event.wait());
  EXPECT_GE(event.polls(), 2);
  EXPECT_LE(event.polls(), 3);
  waker.join();
}
