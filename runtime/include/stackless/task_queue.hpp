// stackless/task_queue.hpp — TaskQueue: an intrusive FIFO of tasks.
//
// The executor's ready queues. Tasks are linked through their own `next`
// field, so queueing never allocates. A task is in at most one queue at a
// time (its SCHEDULED bit says who may queue it; see task.hpp).
//
// Not thread-safe by itself: the executor's local queue is only touched by
// the executor's thread, its remote queue only under the scheduler's mutex
// (scheduler.hpp).
#pragma once

#include "task.hpp"

namespace stackless::detail {

class TaskQueue {
 public:
  bool empty() const noexcept { return head_ == nullptr; }

  void push_back(TaskHeader* task) noexcept {
    task->next = nullptr;
    *tail_ = task;
    tail_ = &task->next;
  }

  /// The oldest task, or nullptr when empty.
  TaskHeader* pop_front() noexcept {
    TaskHeader* task = head_;
    if (task != nullptr) {
      head_ = task->next;
      if (head_ == nullptr) tail_ = &head_;
    }
    return task;
  }

  /// Moves every task of `other` to the back of this queue, keeping their order.
  void append(TaskQueue& other) noexcept {
    if (other.empty()) return;
    *tail_ = other.head_;
    tail_ = other.tail_;
    other.head_ = nullptr;
    other.tail_ = &other.head_;
  }

  TaskQueue() = default;
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;

 private:
  TaskHeader* head_ = nullptr;
  TaskHeader** tail_ = &head_;  // the `next` field (or head_) to fill on push_back
};

}  // namespace stackless::detail
