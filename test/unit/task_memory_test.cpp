// Where tasks live: the executor's pool (task_pool.hpp), its chunked ready
// queues (task_queue.hpp), heap tasks, and the cases where a task's memory
// is given back on another thread or after the executor is gone. The
// sanitizers check the memory itself (ASan poisons the pool's free blocks).
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace stackless;

namespace {

/// Pending `rounds` times (waking itself), then Ready with a string that
/// owns heap memory (so that a use after free shows under ASan).
struct Rounds {
  using Output = std::string;
  int id;
  int rounds;
  std::vector<int>* log = nullptr;
  Poll<std::string> poll(Context& cx) {
    if (log != nullptr) log->push_back(id);
    if (rounds-- == 0) return Poll<std::string>::ready("task " + std::to_string(id) + " done, with a long tail");
    cx.waker().wake_by_ref();
    return Poll<std::string>::pending();
  }
};

/// Ready at once with the address it was polled at.
template <std::size_t Align, std::size_t Size>
struct alignas(Align) Placed {
  using Output = std::uintptr_t;
  std::array<unsigned char, Size> bytes{};
  Poll<std::uintptr_t> poll(Context&) { return Poll<std::uintptr_t>::ready(reinterpret_cast<std::uintptr_t>(this)); }
};

/// Its move constructor throws when `fail` is set.
struct ThrowsOnMove {
  using Output = int;
  bool fail;
  explicit ThrowsOnMove(bool f) : fail(f) {}
  ThrowsOnMove(ThrowsOnMove&& other) : fail(other.fail) {
    if (fail) throw std::runtime_error("no move");
  }
  Poll<int> poll(Context&) { return Poll<int>::ready(7); }
};

/// Awaits every handle and records the outputs.
struct CollectAll {
  using Output = void;
  std::vector<JoinHandle<std::string>> handles;
  std::vector<std::string>* out;
  std::size_t next = 0;
  Poll<void> poll(Context& cx) {
    while (next < handles.size()) {
      auto p = handles[next].poll(cx);
      if (p.is_pending()) return Poll<void>::pending();
      out->push_back(std::move(p).value());
      ++next;
    }
    return Poll<void>::ready();
  }
};

std::string expected(int id) { return "task " + std::to_string(id) + " done, with a long tail"; }

void drop(Spawner& spawner) { Spawner dropped = std::move(spawner); }

}  // namespace

TEST(TaskMemory, FifoOrderAcrossManyQueueSegments) {
  // More tasks than two queue segments hold (32764 each), each polled three times.
  constexpr int kTasks = 70000;
  std::vector<int> log;
  log.reserve(3 * kTasks);
  auto [executor, spawner] = new_executor_and_spawner();
  for (int i = 0; i < kTasks; ++i) spawner.spawn(Rounds{i, 2, &log});
  drop(spawner);
  executor.run();
  ASSERT_EQ(log.size(), 3u * kTasks);
  for (std::size_t i = 0; i < log.size(); ++i) ASSERT_EQ(log[i], static_cast<int>(i % kTasks)) << i;
}

TEST(TaskMemory, OutputsOfManyTasksThroughJoinHandles) {
  constexpr int kTasks = 10000;
  std::vector<std::string> outputs;
  auto [executor, spawner] = new_executor_and_spawner();
  std::vector<JoinHandle<std::string>> handles;
  for (int i = 0; i < kTasks; ++i) handles.push_back(spawner.spawn(Rounds{i, i % 3}));
  spawner.spawn(CollectAll{std::move(handles), &outputs});
  drop(spawner);
  executor.run();
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kTasks));
  for (int i = 0; i < kTasks; ++i) EXPECT_EQ(outputs[static_cast<std::size_t>(i)], expected(i));
}

TEST(TaskMemory, BlocksAreReusedByLaterSpawns) {
  // A driver task spawns waves of tasks on its own executor and awaits each
  // wave: the blocks of a finished wave serve the next (the sanitizers watch
  // the reuse).
  constexpr int kWaves = 5;
  constexpr int kPerWave = 1000;
  std::vector<std::string> outputs;
  auto [executor, spawner] = new_executor_and_spawner();
  spawner.spawn(poll_fn([s = spawner, &outputs, wave = 0, collect = std::optional<CollectAll>()](Context& cx) mutable {
    for (;;) {
      if (collect && collect->poll(cx).is_pending()) return Poll<void>::pending();
      if (wave == kWaves) return Poll<void>::ready();
      std::vector<JoinHandle<std::string>> handles;
      for (int i = 0; i < kPerWave; ++i) handles.push_back(s.spawn(Rounds{wave * kPerWave + i, i % 2}));
      collect.emplace(CollectAll{std::move(handles), &outputs});
      ++wave;
    }
  }));
  drop(spawner);
  executor.run();
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kWaves * kPerWave));
  for (int i = 0; i < kWaves * kPerWave; ++i) EXPECT_EQ(outputs[static_cast<std::size_t>(i)], expected(i));
}

TEST(TaskMemory, SpawnsFromAnotherThreadAcrossManyQueueSegments) {
  constexpr int kTasks = 70000;
  std::atomic<int> done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  std::thread producer([s = std::move(spawner), &done]() mutable {
    for (int i = 0; i < kTasks; ++i) {
      s.spawn(poll_fn([&done, polled = false](Context& cx) mutable {
        if (!polled) {
          polled = true;
          cx.waker().wake_by_ref();
          return Poll<void>::pending();
        }
        done.fetch_add(1, std::memory_order_relaxed);
        return Poll<void>::ready();
      }));
    }
  });
  executor.run();
  producer.join();
  EXPECT_EQ(done.load(), kTasks);
}

TEST(TaskMemory, HandlesDroppedOnAnotherThreadWhileTheExecutorLives) {
  // The last owner of each finished task is its JoinHandle, dropped on
  // another thread while the executor runs: the pooled blocks go back
  // through the scheduler's remote list, and serve the spawns that follow.
  constexpr int kTasks = 3000;
  std::vector<JoinHandle<std::string>> handles;
  std::atomic<int> later{0};
  auto [executor, spawner] = new_executor_and_spawner();
  for (int i = 0; i < kTasks; ++i) handles.push_back(spawner.spawn(Rounds{i, 1}));
  spawner.spawn(poll_fn([s = spawner, &handles, &later, step = 0](Context& cx) mutable {
    switch (step++) {
      case 0:  // queued behind the tasks: they have been polled once
        cx.waker().wake_by_ref();
        return Poll<void>::pending();
      case 1:  // they have finished: their handles hold the outputs
        EXPECT_EQ(test::poll_once(handles[17]).value(), expected(17));
        std::thread([&handles] { handles.clear(); }).join();
        cx.waker().wake_by_ref();
        return Poll<void>::pending();
      default:  // run() has taken the blocks back: spawn into them
        for (int i = 0; i < kTasks; ++i) s.spawn(poll_fn([&later](Context&) {
          later.fetch_add(1, std::memory_order_relaxed);
          return Poll<void>::ready();
        }));
        return Poll<void>::ready();
    }
  }));
  drop(spawner);
  executor.run();
  EXPECT_EQ(later.load(), kTasks);
}

TEST(TaskMemory, HandlesOutliveTheExecutor) {
  std::vector<JoinHandle<std::string>> handles;
  {
    auto [executor, spawner] = new_executor_and_spawner();
    for (int i = 0; i < 2000; ++i) handles.push_back(spawner.spawn(Rounds{i, 1}));
    drop(spawner);
    executor.run();
  }  // the executor is gone; the finished tasks' memory stays until their handles go
  EXPECT_EQ(test::poll_once(handles[1999]).value(), expected(1999));
  std::thread([&handles] {
    for (std::size_t i = 0; i < handles.size(); i += 2) EXPECT_EQ(test::poll_once(handles[i]).value(), expected(static_cast<int>(i)));
    handles.clear();  // the last one frees the scheduler, on this thread
  }).join();
}

TEST(TaskMemory, OverAlignedAndBigFutures) {
  auto [executor, spawner] = new_executor_and_spawner();
  auto small = spawner.spawn(Placed<16, 8>{});        // pooled
  auto aligned = spawner.spawn(Placed<64, 64>{});     // over-aligned: on the heap
  auto big = spawner.spawn(Placed<8, 4096>{});        // too big for the pool: on the heap
  std::optional<JoinHandle<std::uintptr_t>> remote;
  std::thread([&remote, s = spawner]() mutable { remote = s.spawn(Placed<64, 64>{}); }).join();
  drop(spawner);
  executor.run();
  EXPECT_EQ(test::poll_once(small).value() % 16, 0u);
  EXPECT_EQ(test::poll_once(aligned).value() % 64, 0u);
  EXPECT_NE(test::poll_once(big).value(), 0u);
  EXPECT_EQ(test::poll_once(*remote).value() % 64, 0u);
}

TEST(TaskMemory, FutureWhoseMoveThrowsIsNotSpawned) {
  auto [executor, spawner] = new_executor_and_spawner();
  EXPECT_THROW(spawner.spawn(ThrowsOnMove(true)), std::runtime_error);  // on the executor's thread
  std::thread([s = spawner]() mutable {                                 // and from another thread
    EXPECT_THROW(s.spawn(ThrowsOnMove(true)), std::runtime_error);
  }).join();
  JoinHandle<int> fine = spawner.spawn(ThrowsOnMove(false));
  drop(spawner);
  executor.run();
  EXPECT_EQ(test::poll_once(fine).value(), 7);
}

TEST(TaskMemory, ExecutorOnAThreadThatExits) {
  // The thread's chunk cache is freed when it exits (LeakSanitizer checks).
  std::atomic<int> done{0};
  for (int round = 0; round < 3; ++round) {
    std::thread([&done] {
      for (int e = 0; e < 2; ++e) {
        auto [executor, spawner] = new_executor_and_spawner();
        for (int i = 0; i < 5000; ++i) spawner.spawn(poll_fn([&done](Context&) {
          done.fetch_add(1, std::memory_order_relaxed);
          return Poll<void>::ready();
        }));
        drop(spawner);
        executor.run();
      }
    }).join();
  }
  EXPECT_EQ(done.load(), 3 * 2 * 5000);
}

TEST(TaskMemory, FinishedExecutorsLeaveTheirChunksToTheThread) {
  detail::trim_chunk_cache();
  {
    auto [executor, spawner] = new_executor_and_spawner();
    for (int i = 0; i < 3000; ++i) spawner.spawn(Rounds{i, 0});
    drop(spawner);
    executor.run();
  }
  EXPECT_GT(detail::chunk_cache.count, 0u);
  EXPECT_LE(detail::chunk_cache.count * detail::kPoolChunkBytes, detail::kChunkCacheBytes);
  detail::trim_chunk_cache();
  EXPECT_EQ(detail::chunk_cache.count, 0u);
}
