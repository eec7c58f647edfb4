// stackless/join_handle.hpp — JoinHandle<T>: the future of a spawned task's output.
//
// Spawner::spawn(f) returns a JoinHandle<T>, T being f's output (T may be
// void). Polling it returns Ready(output) once the task has finished, and
// otherwise stores the poller's Waker in the task, which wakes it when the
// task finishes. Dropping the JoinHandle detaches the task: it keeps running
// and its output is destroyed when it finishes.
//
// Invariants: a JoinHandle refers to exactly one task and is move-only. It
// returns Ready once; after that (or once moved from) it refers to nothing
// and polling it throws std::logic_error, as does polling the handle of a
// cancelled task (see task.hpp for when a task is cancelled).
#pragma once

#include <type_traits>
#include <utility>

#include "config.hpp"
#include "future.hpp"
#include "task.hpp"

namespace stackless {

class Spawner;

template <class T>
class JoinHandle {
 public:
  using Output = T;

  JoinHandle(JoinHandle&& other) noexcept : task_(std::exchange(other.task_, nullptr)), owner_(other.owner_) {}
  JoinHandle& operator=(JoinHandle&& other) noexcept {
    if (this != &other) {
      release();
      task_ = std::exchange(other.task_, nullptr);
      owner_ = other.owner_;
    }
    return *this;
  }
  ~JoinHandle() { release(); }

  Poll<T> poll(Context& cx) {
    if (task_ == nullptr)
      detail::misuse("stackless: JoinHandle polled after completion (or after being moved from)");
    if (!task_->poll_join(cx.waker())) return Poll<T>::pending();
    if constexpr (std::is_void_v<T>) {
      release();
      return Poll<T>::ready();
    } else {
      Poll<T> result = Poll<T>::ready(std::move(*static_cast<T*>(task_->vtable->output(task_))));
      release();  // the task may be freed now; its (moved-from) output with it
      return result;
    }
  }

 private:
  friend class Spawner;
  JoinHandle(detail::TaskHeader* task, const void* owner) noexcept : task_(task), owner_(owner) {}

  void release() noexcept {
    if (task_ != nullptr) std::exchange(task_, nullptr)->drop_handle(detail::this_thread_marker() == owner_);
  }

  detail::TaskHeader* task_;  // null once Ready or moved from
  const void* owner_;         // the executor's thread (its this_thread_marker())
};

}  // namespace stackless
