// Waker: reference counting through the RawWakerVTable, and the no-op Waker.
#include <gtest/gtest.h>

#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace stackless;

TEST(Waker, CopyClonesAndDestructionDrops) {
  test::CountingWaker counter;
  {
    Waker a = counter.make();
    Waker b = a;  // clone
    Waker c(b);   // clone
    EXPECT_EQ(counter.clones.load(), 3);
    EXPECT_EQ(counter.drops.load(), 0);
    EXPECT_TRUE(a.will_wake(c));
  }
  EXPECT_EQ(counter.drops.load(), 3);
  EXPECT_EQ(counter.alive(), 0);
}

TEST(Waker, MoveStealsTheReference) {
  test::CountingWaker counter;
  {
    Waker a = counter.make();
    Waker b = std::move(a);
    EXPECT_EQ(counter.clones.load(), 1);
    a.wake_by_ref();  // empty: does nothing
    a.wake();
    EXPECT_EQ(counter.woken(), 0);
    b.wake_by_ref();
    EXPECT_EQ(counter.wakes_by_ref.load(), 1);
  }
  EXPECT_EQ(counter.drops.load(), 1);
  EXPECT_EQ(counter.alive(), 0);
}

TEST(Waker, WakeConsumesTheReference) {
  test::CountingWaker counter;
  {
    Waker a = counter.make();
    a.wake();
    EXPECT_EQ(counter.wakes.load(), 1);
    EXPECT_EQ(counter.alive(), 0);
    a.wake();  // empty now
    EXPECT_EQ(counter.wakes.load(), 1);
  }
  EXPECT_EQ(counter.drops.load(), 0);  // wake() consumed it: no drop
}

TEST(Waker, AssignmentBalancesReferences) {
  test::CountingWaker first;
  test::CountingWaker second;
  {
    Waker a = first.make();
    Waker b = second.make();
    a = b;  // drops first's reference, clones second's
    EXPECT_EQ(first.alive(), 0);
    EXPECT_EQ(second.alive(), 2);
    EXPECT_TRUE(a.will_wake(b));
    Waker& same = a;
    a = same;  // self-assignment keeps one reference
    EXPECT_EQ(second.alive(), 2);
    b = std::move(a);
    EXPECT_EQ(second.alive(), 1);
  }
  EXPECT_EQ(second.alive(), 0);
  EXPECT_EQ(first.drops.load(), 1);
}

TEST(Waker, WillWakeComparesDataAndVtable) {
  test::CountingWaker one;
  test::CountingWaker other;
  Waker a = one.make();
  Waker b = other.make();
  EXPECT_FALSE(a.will_wake(b));
  EXPECT_TRUE(a.will_wake(Waker(a)));
  EXPECT_TRUE(Waker::noop().will_wake(Waker::noop()));
  EXPECT_FALSE(a.will_wake(Waker::noop()));
}

TEST(Waker, NoopDoesNothing) {
  Waker noop = Waker::noop();
  Waker copy = noop;
  copy.wake_by_ref();
  copy.wake();
  noop.wake();
  EXPECT_TRUE(Waker::noop().will_wake(Waker::noop()));
}

TEST(Waker, NoopIsOneWakerForTheWholeProgram) {
  // As Rust's Waker::noop() (a &'static Waker): a Context made from it
  // directly does not dangle (ASan would see a temporary that did).
  Context cx(Waker::noop());
  cx.waker().wake_by_ref();
  EXPECT_TRUE(cx.waker().will_wake(Waker::noop()));
  EXPECT_EQ(&cx.waker(), &Waker::noop());
}

TEST(Waker, ClonesAndWakesFromManyThreadsBalance) {
  test::CountingWaker counter;
  {
    const Waker shared = counter.make();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&shared] {
        for (int i = 0; i < 1000; ++i) {
          Waker copy = shared;
          if (i % 2 == 0) copy.wake(); else copy.wake_by_ref();
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  EXPECT_EQ(counter.clones.load(), 4001);
  EXPECT_EQ(counter.wakes.load(), 2000);
  EXPECT_EQ(counter.wakes_by_ref.load(), 2000);
  EXPECT_EQ(counter.alive(), 0);
}
