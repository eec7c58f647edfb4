// The executor, its Spawners, JoinHandles and tasks.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace stackless;
using namespace std::chrono_literals;

namespace {

/// Records its name into `log` at each poll; Ready after `rounds` polls,
/// waking itself in between.
struct Logger {
  using Output = void;
  std::vector<std::string>* log;
  std::string name;
  int rounds;
  Poll<void> poll(Context& cx) {
    log->push_back(name);
    if (--rounds == 0) return Poll<void>::ready();
    cx.waker().wake_by_ref();
    return Poll<void>::pending();
  }
};

/// Counts its polls; Pending at the first poll (keeping a copy of the Waker
/// in `stored`), Ready at every later one.
struct PendingOnce {
  using Output = void;
  int* polls;
  std::optional<Waker>* stored;
  Poll<void> poll(Context& cx) {
    if (++*polls > 1) return Poll<void>::ready();
    *stored = cx.waker();
    return Poll<void>::pending();
  }
};

/// Never Ready, never wakes; counts its destruction (moved-from copies excluded).
struct Doomed {
  using Output = int;
  std::shared_ptr<int> destroyed;
  explicit Doomed(std::shared_ptr<int> counter) : destroyed(std::move(counter)) {}
  Doomed(Doomed&& other) noexcept : destroyed(std::move(other.destroyed)) {}
  ~Doomed() {
    if (destroyed) ++*destroyed;
  }
  Poll<int> poll(Context&) { return Poll<int>::pending(); }
};

/// Awaits a JoinHandle and stores its output.
template <class T>
struct StoreResult {
  using Output = void;
  JoinHandle<T> handle;
  std::optional<T>* result;
  Poll<void> poll(Context& cx) {
    auto p = handle.poll(cx);
    if (p.is_pending()) return Poll<void>::pending();
    *result = std::move(p).value();
    return Poll<void>::ready();
  }
};

struct Throws {
  using Output = int;
  Poll<int> poll(Context&) { throw std::runtime_error("boom"); }
};

/// Wraps a future and sets `*done` when it is Ready.
template <class F>
struct SetWhenDone {
  using Output = void;
  F future;
  std::atomic<int>* done;
  Poll<void> poll(Context& cx) {
    if (future.poll(cx).is_pending()) return Poll<void>::pending();
    done->fetch_add(1);
    return Poll<void>::ready();
  }
};
template <class F>
SetWhenDone<F> set_when_done(F future, std::atomic<int>& done) {
  return SetWhenDone<F>{std::move(future), &done};
}

void drop(Spawner& spawner) { Spawner dropped = std::move(spawner); }

}  // namespace

TEST(Executor, RunsTasksInFifoOrder) {
  std::vector<std::string> log;
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(Logger{&log, "a", 3});
  spawner.spawn(Logger{&log, "b", 2});
  spawner.spawn(Logger{&log, "c", 3});
  drop(spawner);
  executor.run();
  EXPECT_EQ(log, (std::vector<std::string>{"a", "b", "c", "a", "b", "c", "a", "c"}));
}

TEST(Executor, TaskThatIsNotWokenIsNotPolledAgain) {
  test::Event event;
  int other_polls = 0;
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(event.wait());
  spawner.spawn(poll_fn([&other_polls, event](Context& cx) {  // busy for a while, then sets the event
    if (++other_polls < 10) {
      cx.waker().wake_by_ref();
      return Poll<void>::pending();
    }
    event.set();
    return Poll<void>::ready();
  }));
  drop(spawner);
  executor.run();
  EXPECT_EQ(other_polls, 10);
  EXPECT_EQ(event.polls(), 2);  // at first, then after set(): never in between
}

TEST(Executor, DoubleWakeQueuesOnce) {
  int polls = 0;
  std::optional<Waker> stored;
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(PendingOnce{&polls, &stored});
  spawner.spawn(poll_fn([&stored](Context&) {
    stored->wake_by_ref();
    stored->wake_by_ref();  // already queued: absorbed
    stored.reset();
    return Poll<void>::ready();
  }));
  drop(spawner);
  executor.run();
  EXPECT_EQ(polls, 2);  // the first poll, then one for both wakes
}

TEST(Executor, WakeFromAnotherThread) {
  test::Event event;
  auto [executor, spawner] = new_executor_and_spawner();
  std::atomic<int> done{0};
  spawner.spawn(set_when_done(event.wait(), done));
  drop(spawner);
  std::thread setter([event] {
    std::this_thread::sleep_for(10ms);
    event.set();
  });
  executor.run();  // parks until the other thread wakes the task
  setter.join();
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(event.polls(), 2);
}

TEST(Executor, SpawnFromOtherThreads) {
  std::atomic<int> done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&done, s = spawner]() mutable {  // a copy per thread
      for (int i = 0; i < 100; ++i) s.spawn(set_when_done(yield_now(), done));
    });
  }
  drop(spawner);
  executor.run();  // returns once the threads' Spawner copies are gone and all tasks ran
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 300);
}

TEST(Executor, RunWaitsForSpawnerCopies) {
  auto [executor, spawner] = new_executor_and_spawner();
  Spawner moved = std::move(spawner);  // the moved-from `spawner` no longer counts
  const auto start = std::chrono::steady_clock::now();
  std::thread holder([copy = std::move(moved)]() mutable {
    std::this_thread::sleep_for(20ms);
    copy.spawn(ready(1));
  });
  executor.run();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  holder.join();
  EXPECT_THROW(spawner.spawn(ready(1)), std::logic_error);
}

TEST(Executor, JoinHandleReturnsTheValue) {
  test::LifeCounts counts;
  std::optional<int> result;
  std::optional<std::monostate> void_result;
  auto [executor, spawner] = new_executor_and_spawner();
  JoinHandle<int> handle = spawner.spawn(test::Countdown(counts, 2, 42));
  spawner.spawn(StoreResult<int>{std::move(handle), &result});
  JoinHandle<void> void_handle = spawner.spawn(yield_now());
  spawner.spawn(poll_fn([h = std::move(void_handle), &void_result](Context& cx) mutable {
    if (h.poll(cx).is_pending()) return Poll<void>::pending();
    void_result.emplace();
    return Poll<void>::ready();
  }));
  JoinHandle<std::string> async_handle = spawner.spawn(Async<std::string>(ready(std::string("boxed"))));
  drop(spawner);
  executor.run();
  EXPECT_EQ(result, 42);
  EXPECT_TRUE(void_result.has_value());
  EXPECT_EQ(test::poll_once(async_handle).value(), "boxed");  // finished: Ready at once
  EXPECT_THROW(test::poll_once(async_handle), std::logic_error);
  EXPECT_EQ(counts.alive(), 0);
}

TEST(Executor, JoinHandleAwaitedFromAnotherThread) {
  test::Event event;
  auto [executor, spawner] = new_executor_and_spawner();
  JoinHandle<int> handle = spawner.spawn(poll_fn([w = event.wait()](Context& cx) mutable {
    if (w.poll(cx).is_pending()) return Poll<int>::pending();
    return Poll<int>::ready(7);
  }));
  drop(spawner);
  int result = 0;
  std::thread waiter([&result, h = std::move(handle)]() mutable { result = block_on(h); });
  std::thread setter([event] {
    std::this_thread::sleep_for(10ms);
    event.set();
  });
  executor.run();
  setter.join();
  waiter.join();
  EXPECT_EQ(result, 7);
}

TEST(Executor, DroppingTheJoinHandleDetaches) {
  std::atomic<int> done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  { JoinHandle<void> dropped = spawner.spawn(set_when_done(yield_now(), done)); }
  spawner.spawn(set_when_done(TimerFuture(5ms), done));  // dropped at once, still runs
  drop(spawner);
  executor.run();
  EXPECT_EQ(done.load(), 2);
}

TEST(Executor, RunWaitsForATimerFuture) {
  std::atomic<int> done{0};
  const auto start = std::chrono::steady_clock::now();  // the time runs from construction
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(set_when_done(TimerFuture(20ms), done));
  drop(spawner);
  executor.run();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  EXPECT_EQ(done.load(), 1);
}

TEST(Executor, RunWaitsForASleep) {
  std::atomic<int> done{0};
  const auto start = std::chrono::steady_clock::now();  // the time runs from construction
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(set_when_done(sleep_for(20ms), done));
  drop(spawner);
  executor.run();
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  EXPECT_EQ(done.load(), 1);
}

TEST(Executor, SpawnAfterTheExecutorIsDestroyedThrows) {
  std::optional<Spawner> kept;
  {
    auto [executor, spawner] = new_executor_and_spawner();
    kept.emplace(spawner);
    drop(spawner);
    kept->spawn(ready(1));  // cancelled with the executor
  }
  EXPECT_THROW(kept->spawn(ready(1)), std::logic_error);
}

TEST(Executor, RunOnAnotherThreadThrows) {
  auto [executor, spawner] = new_executor_and_spawner();
  Executor& bound = executor;  // (C++17 lambdas cannot capture structured bindings)
  bool threw = false;
  std::thread other([&bound, &threw] {
    try {
      bound.run();
    } catch (const std::logic_error&) {
      threw = true;
    }
  });
  other.join();
  EXPECT_TRUE(threw);
}

TEST(Executor, ExceptionInAPollCancelsThatTaskAndPropagates) {
  std::atomic<int> done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  JoinHandle<int> failing = spawner.spawn(Throws{});
  spawner.spawn(set_when_done(yield_now(), done));
  drop(spawner);
  EXPECT_THROW(executor.run(), std::runtime_error);
  EXPECT_THROW(test::poll_once(failing), std::logic_error);  // cancelled
  executor.run();  // the other task still runs
  EXPECT_EQ(done.load(), 1);
}

TEST(Executor, UnreachableTaskIsCancelled) {
  auto destroyed = std::make_shared<int>(0);
  auto [executor, spawner] = new_executor_and_spawner();
  JoinHandle<int> handle = spawner.spawn(Doomed(destroyed));  // Pending, and no Waker kept
  drop(spawner);
  executor.run();  // does not wait for a task that nothing can wake
  EXPECT_EQ(*destroyed, 1);
  EXPECT_THROW(test::poll_once(handle), std::logic_error);
}

TEST(Executor, DestroyingTheExecutorCancelsQueuedTasks) {
  auto destroyed = std::make_shared<int>(0);
  std::optional<JoinHandle<int>> handle;
  {
    auto [executor, spawner] = new_executor_and_spawner();
    handle = spawner.spawn(Doomed(destroyed));
    spawner.spawn(Doomed(destroyed));
    std::thread([s = spawner, destroyed]() mutable { s.spawn(Doomed(destroyed)); }).join();  // remote queue
    EXPECT_EQ(*destroyed, 0);
  }
  EXPECT_EQ(*destroyed, 3);
  EXPECT_THROW(test::poll_once(*handle), std::logic_error);
}

TEST(Executor, TaskWokenAfterTheExecutorIsGoneIsCancelledByTheWaker) {
  auto destroyed = std::make_shared<int>(0);
  test::Event event;
  {
    auto [executor, spawner] = new_executor_and_spawner();
    spawner.spawn(poll_fn([w = event.wait(), d = Doomed(destroyed)](Context& cx) mutable { return w.poll(cx); }));
    spawner.spawn(Throws{});
    drop(spawner);
    EXPECT_THROW(executor.run(), std::runtime_error);  // leaves the first task idle, its Waker in `event`
  }
  EXPECT_EQ(*destroyed, 0);
  std::thread([event] { event.set(); }).join();  // wakes it: cancelled on that thread
  EXPECT_EQ(*destroyed, 1);
}

TEST(Executor, WakersMayOutliveTheirTask) {
  std::optional<Waker> kept;
  {
    auto [executor, spawner] = new_executor_and_spawner();
    spawner.spawn(poll_fn([&kept](Context& cx) {
      kept = cx.waker();
      return Poll<void>::ready();
    }));
    drop(spawner);
    executor.run();
  }
  kept->wake_by_ref();  // finished task, executor gone: nothing happens
  kept->wake();
  kept.reset();
  SUCCEED();  // the sanitizers check that nothing was touched after being freed
}

TEST(Executor, ManyThreadsWakingManyTasks) {
  constexpr int kTasks = 200;
  std::vector<test::Event> events(kTasks);
  std::atomic<int> done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  for (auto& event : events) spawner.spawn(set_when_done(event.wait(), done));
  drop(spawner);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&events, t] {
      for (int round = 0; round < 3; ++round) {
        for (int i = t; i < kTasks; i += 4) events[static_cast<std::size_t>(i)].wake_only();  // spurious
      }
      for (int i = t; i < kTasks; i += 4) events[static_cast<std::size_t>(i)].set();
    });
  }
  executor.run();
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(done.load(), kTasks);
}
