// stackless/spawner.hpp — Spawner: hands futures to an executor as tasks.
//
// The talk's design: the Spawner is separate from the Executor, so it can be
// copied and sent anywhere (other threads included) while the Executor stays
// on its thread. spawn(f) moves f into a new task (one block of memory: from
// the executor's pool when spawning on the executor's thread, see task.hpp
// and task_pool.hpp), queues it, and returns its JoinHandle.
//
// Invariants: each Spawner copy counts as a reason for Executor::run() to
// keep waiting (more tasks may come); destroying the last copy — in C++,
// moving it into a scope that ends, the talk's `drop(spawner)` — lets run()
// return once the tasks are done. A moved-from Spawner holds nothing and no
// longer counts; spawning on it throws std::logic_error, and so does
// spawning after the Executor has been destroyed.
#pragma once

#include <type_traits>
#include <utility>

#include "config.hpp"
#include "future.hpp"
#include "join_handle.hpp"
#include "scheduler.hpp"
#include "task.hpp"

namespace stackless {

struct ExecutorAndSpawner;
ExecutorAndSpawner new_executor_and_spawner();

class Spawner {
 public:
  Spawner(const Spawner& other) : scheduler_(other.scheduler_) {
    if (scheduler_ != nullptr) scheduler_->add_handle();
  }
  Spawner(Spawner&& other) noexcept : scheduler_(std::exchange(other.scheduler_, nullptr)) {}
  Spawner& operator=(const Spawner& other) {
    if (this != &other) *this = Spawner(other);
    return *this;
  }
  Spawner& operator=(Spawner&& other) noexcept {
    if (this != &other) {
      release();
      scheduler_ = std::exchange(other.scheduler_, nullptr);
    }
    return *this;
  }
  ~Spawner() { release(); }

  /// Queues `future` (moved or copied into the task) and returns the handle
  /// of its output.
  template <class F>
  JoinHandle<future_output_t<std::decay_t<F>>> spawn(F&& future) {
    using Future = std::decay_t<F>;
    static_assert(is_future_v<Future>, "stackless: Spawner::spawn() takes a future");
    if (scheduler_ == nullptr) detail::misuse("stackless: spawn() on a moved-from Spawner");
    detail::TaskHeader* task = scheduler_->spawn<Future>(std::forward<F>(future));
    if (task == nullptr) detail::misuse("stackless: spawn() after the executor was destroyed");
    return JoinHandle<future_output_t<Future>>(task, scheduler_->owner());
  }

 private:
  friend ExecutorAndSpawner new_executor_and_spawner();
  explicit Spawner(detail::Scheduler* scheduler) noexcept : scheduler_(scheduler) {}

  void release() noexcept {
    if (scheduler_ != nullptr) std::exchange(scheduler_, nullptr)->release_handle();
  }

  detail::Scheduler* scheduler_;  // null once moved from
};

}  // namespace stackless
