// stackless/executor.hpp — Executor: runs spawned tasks on one thread.
//
// The talk's executor: a FIFO ready queue of tasks, each polled when it is
// queued; a task returning Pending is queued again only when its Waker is
// woken. run() returns once every task has finished and every Spawner is
// destroyed; while nothing is ready it parks the thread (no spinning).
//
//     auto [executor, spawner] = new_executor_and_spawner();
//     spawner.spawn(some_future);
//     { Spawner gone = std::move(spawner); }   // the talk's drop(spawner)
//     executor.run();
//
// The machinery (queues, parking, counting, task wakers) is in
// scheduler.hpp; the task layout and its state bits in task.hpp.
//
// Invariants: an Executor is bound to the thread that created it: run()
// there (elsewhere it throws std::logic_error), and destroy it there.
// Destroying it cancels the tasks it still holds (their futures are
// destroyed; their JoinHandles report the cancellation). It is move-only; a
// moved-from Executor holds nothing and run() on it throws.
#pragma once

#include <utility>

#include "config.hpp"
#include "scheduler.hpp"
#include "spawner.hpp"

namespace stackless {

class Executor {
 public:
  Executor(Executor&& other) noexcept : scheduler_(std::exchange(other.scheduler_, nullptr)) {}
  Executor& operator=(Executor&& other) noexcept {
    if (this != &other) {
      release();
      scheduler_ = std::exchange(other.scheduler_, nullptr);
    }
    return *this;
  }
  ~Executor() { release(); }

  /// Runs queued tasks until every task has finished and every Spawner is
  /// destroyed. An exception thrown by a task's poll cancels that task and
  /// propagates; run() may then be called again.
  void run() {
    if (scheduler_ == nullptr) detail::misuse("stackless: run() on a moved-from Executor");
    scheduler_->run();
  }

 private:
  friend ExecutorAndSpawner new_executor_and_spawner();
  explicit Executor(detail::Scheduler* scheduler) noexcept : scheduler_(scheduler) {}

  void release() noexcept {
    if (scheduler_ != nullptr) std::exchange(scheduler_, nullptr)->shutdown();
  }

  detail::Scheduler* scheduler_;  // null once moved from
};

/// What new_executor_and_spawner() returns: `auto [executor, spawner] = ...`.
struct ExecutorAndSpawner {
  Executor executor;
  Spawner spawner;
};

/// A new executor, bound to the calling thread, and its first Spawner.
inline ExecutorAndSpawner new_executor_and_spawner() {
  detail::Scheduler* scheduler = detail::Scheduler::create();
  return ExecutorAndSpawner{Executor(scheduler), Spawner(scheduler)};
}

}  // namespace stackless
