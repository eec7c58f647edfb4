// stackless/task_queue.hpp — TaskQueue: a FIFO of tasks, stored in chunks.
//
// The executor's ready queues. A queue is a chain of segments, each one
// chunk of the task pool's size (task_pool.hpp) holding an array of task
// pointers:
//
//   head_ --> [ next | begin end | t t t t t t t ]  -->  ...  -->  tail_ [ t t t . . . . ]
//                                  ^ pop_front() here                           ^ push_back() here
//
// Why not a link in each task (an intrusive list)? The link would cost every
// task 8 bytes for as long as it lives, queued or not; and the executor
// could learn the next task's address only from the current task's memory:
// one cache miss after the other. Here the addresses of the next tasks are
// known in advance, so the executor has the memory of a task a few places
// ahead loaded while it polls the current one (ahead(), prefetch_task());
// and the queue's memory is only used while tasks are queued.
//
// Invariants:
//   * The tasks are in FIFO order: segment by segment from head_, in each
//     one from slots[begin] to slots[end - 1]. A task is in at most one
//     queue, at most once (its SCHEDULED bit says who may queue it; see
//     task.hpp).
//   * A segment with begin == end holds nothing; pop_front() skips and
//     recycles such segments, except the tail, which it resets for reuse.
//   * spare_ keeps one empty segment, so that a queue that fills and drains
//     across a segment boundary does not take and give back a chunk each
//     time; other drained segments go back to the thread's chunk cache.
//   * Not thread-safe by itself: the executor's local queue is only touched
//     by the executor's thread, its remote queue only under the scheduler's
//     mutex (scheduler.hpp).
//
// Allocation: push_back() takes a new segment (a chunk, from the thread's
// cache or malloc) once every kSlots (32764) tasks. spawn reserves its slot first
// with make_room(), which may throw std::bad_alloc; elsewhere (a wake, a
// re-queue) a task must not be lost, so running out of memory there
// terminates the program, as Rust's executors abort.
#pragma once

#include <cstddef>
#include <new>
#include <utility>

#include "config.hpp"
#include "task.hpp"
#include "task_pool.hpp"

namespace stackless::detail {

/// Asks the CPU to start loading a task's memory (a hint only): its header
/// and the start of its future, which may be on the next cache line.
/// Always inlined: GCC 12 deems a function made of __builtin_prefetch free
/// of side effects and drops calls to it.
STACKLESS_ALWAYS_INLINE void prefetch_task(const TaskHeader* task) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  const char* bytes = reinterpret_cast<const char*>(task);
  __builtin_prefetch(bytes, 1);
  __builtin_prefetch(bytes + sizeof(TaskHeader), 1);
#else
  (void)task;
#endif
}

class TaskQueue {
 public:
  TaskQueue() = default;
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;
  ~TaskQueue() { release(false); }

  bool empty() const noexcept {
    for (const Segment* segment = head_; segment != nullptr; segment = segment->next()) {
      if (segment->begin != segment->end) return false;
    }
    return true;
  }

  /// Makes sure the next push_back() will not allocate (may throw std::bad_alloc).
  void make_room() {
    if (tail_ == nullptr || tail_->end == kSlots) add_segment();
  }

  /// Queues `task` last. Terminates if a new segment is needed and there is
  /// no memory for it (see above).
  void push_back(TaskHeader* task) noexcept {
    make_room();
    tail_->slots[tail_->end++] = task;
  }

  /// The oldest task, or nullptr when empty.
  TaskHeader* pop_front() noexcept {
    for (;;) {
      Segment* segment = head_;
      if (segment == nullptr) return nullptr;
      if (segment->begin != segment->end) return segment->slots[segment->begin++];
      if (segment == tail_) {
        segment->begin = segment->end = 0;
        return nullptr;
      }
      head_ = segment->next();
      recycle(segment);
    }
  }

  /// The task kAhead places behind the oldest, if there is one (in the same
  /// segment): the executor prefetches it before each poll, so that the
  /// tasks it reaches are in cache by then.
  const TaskHeader* ahead() const noexcept {
    const Segment* segment = head_;
    if (segment == nullptr || segment->end - segment->begin <= kAhead) return nullptr;
    return segment->slots[segment->begin + kAhead];
  }

  /// Moves every task of `other` to the back of this queue, keeping their
  /// order (its segments are linked in as they are).
  void append(TaskQueue& other) noexcept {
    if (other.head_ == nullptr) return;
    if (tail_ == nullptr) {
      head_ = other.head_;
    } else {
      tail_->chunk.next = &other.head_->chunk;
    }
    tail_ = other.tail_;
    other.head_ = other.tail_ = nullptr;
  }

  /// Gives every segment back (see give_back_chunk()); the queue must not
  /// hold tasks. It is empty, and usable, afterwards.
  void release(bool keep) noexcept {
    while (Segment* segment = head_) {
      head_ = segment->next();
      give_back_chunk(&segment->chunk, keep);
    }
    tail_ = nullptr;
    if (spare_ != nullptr) give_back_chunk(&std::exchange(spare_, nullptr)->chunk, keep);
  }

 private:
  struct Segment;
  static constexpr std::size_t kSlots =
      (kPoolChunkBytes - sizeof(PoolChunk) - 2 * sizeof(std::size_t)) / sizeof(TaskHeader*);
  static constexpr std::size_t kAhead = 16;  // about 16 polls' time to arrive

  struct Segment {
    PoolChunk chunk;  // chunk.next links the segments
    std::size_t begin;
    std::size_t end;
    TaskHeader* slots[kSlots];

    Segment* next() const noexcept { return reinterpret_cast<Segment*>(chunk.next); }
  };
  static_assert(sizeof(Segment) <= kPoolChunkBytes, "a segment is one chunk");

  void add_segment() {
    Segment* segment = spare_ != nullptr ? std::exchange(spare_, nullptr)
                                         : ::new (static_cast<void*>(take_chunk(nullptr))) Segment;
    segment->chunk.next = nullptr;
    segment->begin = segment->end = 0;
    if (tail_ == nullptr) {
      head_ = segment;
    } else {
      tail_->chunk.next = &segment->chunk;
    }
    tail_ = segment;
  }

  /// A drained segment, by the thread that pops (the executor's).
  void recycle(Segment* segment) noexcept {
    if (spare_ == nullptr) {
      spare_ = segment;
    } else {
      give_back_chunk(&segment->chunk, true);
    }
  }

  Segment* head_ = nullptr;
  Segment* tail_ = nullptr;
  Segment* spare_ = nullptr;
};

}  // namespace stackless::detail
