// stackless/timer_queue.hpp — the process-wide timer queue behind sleep_for/sleep_until.
//
// One binary min-heap of timer entries keyed by (deadline, sequence), one
// mutex, and one background thread, started on first use, that waits on a
// condition variable until the earliest deadline, takes every entry that is
// due, and wakes their Wakers. However many sleeps are pending, there is one
// thread; registering or cancelling a sleep is O(log n) and allocates nothing
// (the heap holds pointers to entries that live inside the Sleep futures).
//
// Invariants (all under mutex_):
//   * An entry is either not queued (heap_index == npos) or at
//     heap_[heap_index]; the heap order is (deadline, sequence), the sequence
//     number making entries with equal deadlines fire in registration order.
//   * `fired` is set when the thread takes an entry out of the heap; the
//     entry's Waker is moved out at the same time.
//   * The thread wakes Wakers after releasing mutex_: a woken task may at
//     once register a new sleep (taking mutex_), and waking may take the
//     executor's lock; neither must wait behind, or nest inside, this one.
//   * A Sleep destroyed before firing removes its entry (remove()); one moved
//     while queued re-points the heap slot (relocate()). So the heap never
//     holds a dangling pointer.
//   * The queue and its thread live until the process exits: the thread
//     never stops, so the queue is deliberately never destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "waker.hpp"

namespace stackless::detail {

using TimerClock = std::chrono::steady_clock;

/// One pending sleep, stored inside the Sleep future.
struct TimerEntry {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  TimerClock::time_point deadline;
  std::uint64_t sequence = 0;      // registration order, breaks deadline ties
  std::size_t heap_index = npos;   // where it is in the heap; npos: not queued
  std::optional<Waker> waker;      // woken when the deadline passes
  bool fired = false;              // the deadline passed and the thread took it
};

class TimerQueue {
 public:
  static TimerQueue& instance() {
    static TimerQueue* const queue = new TimerQueue();  // never destroyed: see above
    return *queue;
  }

  /// Queues `entry` (not queued yet), to wake a copy of `waker`.
  void insert(TimerEntry& entry, const Waker& waker) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!thread_started_) {
      std::thread([this] { run(); }).detach();
      thread_started_ = true;
    }
    entry.sequence = next_sequence_++;
    entry.waker.emplace(waker);
    entry.heap_index = heap_.size();
    heap_.push_back(&entry);
    sift_up(entry.heap_index);
    if (heap_.front() == &entry) changed_.notify_one();  // a new earliest deadline
  }

  /// For an inserted entry: true if it fired. Otherwise keeps `waker` (if it
  /// differs from the stored one) and returns false.
  bool poll(TimerEntry& entry, const Waker& waker) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entry.fired) return true;
    if (!entry.waker->will_wake(waker)) *entry.waker = waker;
    return false;
  }

  /// Takes an inserted entry out of the queue if it has not fired.
  void remove(TimerEntry& entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entry.heap_index == TimerEntry::npos) return;  // fired already
    remove_at(entry.heap_index);
  }

  /// An inserted entry moves from `from` to `to`.
  void relocate(TimerEntry& from, TimerEntry& to) {
    std::lock_guard<std::mutex> lock(mutex_);
    to.deadline = from.deadline;
    to.sequence = from.sequence;
    to.heap_index = std::exchange(from.heap_index, TimerEntry::npos);
    to.waker = std::move(from.waker);
    to.fired = from.fired;
    if (to.heap_index != TimerEntry::npos) heap_[to.heap_index] = &to;
  }

 private:
  TimerQueue() = default;

  // The background thread.
  void run() {
    std::vector<Waker> due;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (heap_.empty()) {
        changed_.wait(lock);
        continue;
      }
      const auto now = TimerClock::now();
      if (heap_.front()->deadline > now) {
        // A copy: wait_until reads its argument again after waking, and the
        // entry may be gone by then (its Sleep destroyed while we waited).
        const TimerClock::time_point deadline = heap_.front()->deadline;
        changed_.wait_until(lock, deadline);
        continue;
      }
      while (!heap_.empty() && heap_.front()->deadline <= now) {
        TimerEntry* entry = heap_.front();
        remove_at(0);
        entry->fired = true;
        due.push_back(std::move(*entry->waker));
        entry->waker.reset();
      }
      lock.unlock();
      for (Waker& waker : due) waker.wake();  // in deadline order, outside the lock
      due.clear();
      lock.lock();
    }
  }

  static bool earlier(const TimerEntry* a, const TimerEntry* b) noexcept {
    return a->deadline != b->deadline ? a->deadline < b->deadline : a->sequence < b->sequence;
  }

  void place(std::size_t index, TimerEntry* entry) noexcept {
    heap_[index] = entry;
    entry->heap_index = index;
  }

  void sift_up(std::size_t index) noexcept {
    TimerEntry* entry = heap_[index];
    while (index > 0) {
      const std::size_t parent = (index - 1) / 2;
      if (!earlier(entry, heap_[parent])) break;
      place(index, heap_[parent]);
      index = parent;
    }
    place(index, entry);
  }

  void sift_down(std::size_t index) noexcept {
    TimerEntry* entry = heap_[index];
    for (;;) {
      std::size_t child = 2 * index + 1;
      if (child >= heap_.size()) break;
      if (child + 1 < heap_.size() && earlier(heap_[child + 1], heap_[child])) ++child;
      if (!earlier(heap_[child], entry)) break;
      place(index, heap_[child]);
      index = child;
    }
    place(index, entry);
  }

  /// Removes heap_[index], moving the last entry into its place.
  void remove_at(std::size_t index) noexcept {
    heap_[index]->heap_index = TimerEntry::npos;
    TimerEntry* last = heap_.back();
    heap_.pop_back();
    if (index == heap_.size()) return;  // it was the last one
    place(index, last);
    sift_up(index);
    sift_down(last->heap_index);
  }

  std::mutex mutex_;
  std::condition_variable changed_;  // a new earliest deadline
  std::vector<TimerEntry*> heap_;
  std::uint64_t next_sequence_ = 0;
  bool thread_started_ = false;
};

}  // namespace stackless::detail
