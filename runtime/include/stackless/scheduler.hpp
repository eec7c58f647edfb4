// stackless/scheduler.hpp — the state shared by an executor, its spawners and its tasks.
//
// One Scheduler per new_executor_and_spawner(). It holds the ready queues,
// runs the executor loop, and gives tasks their Wakers (waking a task means
// handing it back to its scheduler).
//
// Threads. The executor is bound to the thread that created it (its owner),
// like futures-rs's LocalPool: run() happens there. Spawners and Wakers may
// be used from any thread. So there are two ready queues:
//   * local_: touched only by the owner thread, without any synchronisation.
//     Spawns and wakes on the owner thread go there; a task that wakes
//     itself during its own poll (the common "yield" case) is noticed
//     through a thread-local flag and costs no atomic operation at all.
//   * remote_: for spawns and wakes from other threads, under mutex_. The
//     pusher notifies the owner if it is parked in run().
//
// FIFO and fairness. run() pops from the front of local_ and pushes woken
// tasks at its back. Before each pop, and before re-queueing a task woken
// during its poll, it moves whatever arrived in remote_ to the back of
// local_ (checked through a relaxed atomic flag, so this costs nothing while
// remote_ is empty); so tasks are polled in the order of their wakes, local
// or remote. Every queued task is polled after at most one round of the
// tasks queued before it: a task that keeps waking itself goes to the back
// each time and cannot starve the others.
//
// Counting, for run() to know when it is done, and for this object's own
// lifetime:
//   * handles_: the Executor plus every Spawner copy (under mutex_).
//   * unfinished_: spawned tasks not yet finished. Owner-thread only while
//     the executor exists (so spawning on it needs no atomic operation);
//     tasks spawned from other threads are counted in remote_spawned_ (under
//     mutex_) until the owner takes them from remote_. Once the executor is
//     gone (closed_), unfinished_ is guarded by mutex_.
//   run() returns when nothing is queued, unfinished_ == 0 and handles_ == 1
//   (only the Executor is left): every task finished and every Spawner is
//   destroyed. The Scheduler deletes itself when handles_ == 0 and
//   unfinished_ == 0: an unfinished task may still be woken from another
//   thread and must find its scheduler. A finished task never touches it.
//
// Parking. When local_ is empty, run() takes mutex_ and either finds work in
// remote_, finds that it is done, or sets sleeping_ and waits on wakeup_.
// Everyone who could change that verdict (a remote push, the release of a
// Spawner) does so under mutex_ and notifies while still holding it, so a
// wake-up is never lost and the notifier never touches a Scheduler that the
// owner has meanwhile destroyed.
//
// Closing. Destroying the Executor closes the scheduler: queued tasks are
// cancelled (their futures destroyed), spawn() throws std::logic_error, and
// a task woken afterwards is cancelled by the thread that wakes it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "context.hpp"
#include "task.hpp"
#include "task_queue.hpp"
#include "waker.hpp"

namespace stackless::detail {

/// The task being polled on this thread, and whether it woke itself.
struct PollingTask {
  TaskHeader* task = nullptr;
  bool woken = false;
};
inline thread_local PollingTask polling_task;

/// Sets polling_task for the duration of one poll (restoring the outer value,
/// for executors run inside a poll).
class PollingScope {
 public:
  explicit PollingScope(TaskHeader* task) noexcept : saved_(polling_task) { polling_task = PollingTask{task, false}; }
  ~PollingScope() { polling_task = saved_; }
  PollingScope(const PollingScope&) = delete;
  PollingScope& operator=(const PollingScope&) = delete;

  bool woken() const noexcept { return polling_task.woken; }

 private:
  PollingTask saved_;
};

/// A Waker that does not own a reference (Rust's ManuallyDrop<Waker>): the
/// executor lends one to each poll without touching the reference count. The
/// future clones it if it needs to keep it.
class BorrowedWaker {
 public:
  explicit BorrowedWaker(RawWaker raw) noexcept : waker_(raw) {}
  ~BorrowedWaker() {}  // deliberately does not destroy waker_: it owns no reference
  BorrowedWaker(const BorrowedWaker&) = delete;
  BorrowedWaker& operator=(const BorrowedWaker&) = delete;

  const Waker& get() const noexcept { return waker_; }

 private:
  union {
    Waker waker_;
  };
};

class Scheduler {
 public:
  /// A scheduler owned by one Executor and one Spawner, bound to this thread.
  static Scheduler* create() { return new Scheduler(); }

  // ---- handles (Executor, Spawners) -----------------------------------------

  void add_handle() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++handles_;
  }

  /// An Executor or Spawner is gone. May delete this.
  void release_handle() {
    bool last;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --handles_;
      if (handles_ == 1 && sleeping_) wakeup_.notify_one();  // run() may be done now
      last = handles_ == 0 && unfinished_ == 0;             // handles_ == 0: closed, so unfinished_ is ours to read
    }
    if (last) delete this;
  }

  // ---- tasks -----------------------------------------------------------------

  /// Queues a new task. False (and nothing queued) once the executor is gone.
  bool submit(TaskHeader* task) {
    if (on_owner_thread()) {
      if (closed_) return false;
      ++unfinished_;
      local_.push_back(task);
      return true;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return false;
    ++remote_spawned_;
    push_remote(task);
    return true;
  }

  /// Queues a task whose SCHEDULED bit the caller just claimed (a wake).
  void schedule(TaskHeader* task) {
    if (on_owner_thread() && !closed_) {
      local_.push_back(task);
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (!closed_) {
      push_remote(task);
      return;
    }
    lock.unlock();
    cancel_orphan(task);
  }

  // ---- the executor ------------------------------------------------------------

  /// Polls queued tasks in FIFO order until every task has finished and every
  /// Spawner is gone, parking the thread while nothing is ready.
  void run() {
    if (!on_owner_thread())
      throw std::logic_error("stackless: Executor::run() must be called on the thread that created the executor");
    if (running_) throw std::logic_error("stackless: Executor::run() called from inside run()");
    running_ = true;
    struct Reset {
      bool& flag;
      ~Reset() { flag = false; }
    } reset{running_};

    for (;;) {
      take_remote_if_any();
      if (TaskHeader* task = local_.pop_front()) {
        run_task(task);
      } else if (!wait_for_work()) {
        return;
      }
    }
  }

  /// The Executor is destroyed (on the owner thread): close, cancel every
  /// queued task, and drop the Executor's handle.
  void shutdown() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
      take_remote();  // from now on unfinished_ counts every unfinished task, under mutex_
    }
    std::size_t cancelled = 0;
    while (TaskHeader* task = local_.pop_front()) {
      cancel(task);
      ++cancelled;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      unfinished_ -= cancelled;
    }
    release_handle();
  }

  /// The thread the executor is bound to.
  std::thread::id owner() const noexcept { return owner_; }

  /// The Waker of `task` (one reference, which the caller must own).
  static RawWaker task_waker(TaskHeader* task) noexcept { return RawWaker{task, &task_waker_vtable}; }

 private:
  Scheduler() = default;

  bool on_owner_thread() const noexcept { return std::this_thread::get_id() == owner_; }

  // mutex_ held.
  void push_remote(TaskHeader* task) {
    remote_.push_back(task);
    remote_nonempty_.store(true, std::memory_order_relaxed);
    if (sleeping_) wakeup_.notify_one();
  }

  /// Moves the tasks that arrived in remote_ to the back of local_ (cheap
  /// when there are none: one relaxed load).
  void take_remote_if_any() {
    if (remote_nonempty_.load(std::memory_order_relaxed)) {
      std::lock_guard<std::mutex> lock(mutex_);
      take_remote();
    }
  }

  /// Queues a task woken during its own poll. Tasks woken from other threads
  /// meanwhile were woken first, so they go first: the queue stays in the
  /// order of the wakes.
  void requeue(TaskHeader* task) {
    take_remote_if_any();
    local_.push_back(task);
  }

  // mutex_ held.
  void take_remote() {
    local_.append(remote_);
    unfinished_ += remote_spawned_;
    remote_spawned_ = 0;
    remote_nonempty_.store(false, std::memory_order_relaxed);
  }

  /// local_ is empty: take remote work, or park until some arrives. False
  /// when run() is done.
  bool wait_for_work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (!remote_.empty()) {
        take_remote();
        return true;
      }
      if (unfinished_ == 0 && handles_ == 1) return false;
      sleeping_ = true;
      wakeup_.wait(lock);
      sleeping_ = false;
    }
  }

  /// One poll of a task the executor owns (SCHEDULED).
  void run_task(TaskHeader* task) {
    task->start_poll();
    bool ready;
    bool woken;
    {
      PollingScope scope(task);
      BorrowedWaker waker(task_waker(task));
      Context cx(waker.get());
      try {
        ready = task->vtable->poll(task, cx);
      } catch (...) {
        // The future is poisoned: cancel the task and let the exception
        // leave run(). run() may be called again for the other tasks.
        cancel(task);
        --unfinished_;
        throw;
      }
      woken = scope.woken();
    }
    if (ready) {
      task->finish(TaskHeader::COMPLETED);
      --unfinished_;
    } else if (woken) {
      requeue(task);
    } else {
      switch (task->after_pending_poll()) {
        case TaskHeader::AfterPending::Requeue:
          requeue(task);
          break;
        case TaskHeader::AfterPending::Idle:
          break;
        case TaskHeader::AfterPending::Unreachable:
          cancel(task);
          --unfinished_;
          break;
      }
    }
  }

  /// Destroys the future of a task the caller owns (SCHEDULED) and finishes it.
  static void cancel(TaskHeader* task) {
    task->vtable->drop_future(task);
    task->finish(TaskHeader::CANCELLED);
  }

  /// A task woken after the executor is gone: cancel it here. May delete this.
  void cancel_orphan(TaskHeader* task) {
    cancel(task);
    bool last;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --unfinished_;
      last = handles_ == 0 && unfinished_ == 0;
    }
    if (last) delete this;
  }

  // ---- the task Waker: data is the TaskHeader --------------------------------

  static RawWaker waker_clone(void* data) noexcept {
    static_cast<TaskHeader*>(data)->add_reference();
    return task_waker(static_cast<TaskHeader*>(data));
  }

  static void waker_wake(void* data) {
    waker_wake_by_ref(data);
    waker_drop(data);
  }

  static void waker_wake_by_ref(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    if (polling_task.task == task) {
      polling_task.woken = true;  // woke itself during its poll: run_task re-queues it
      return;
    }
    if (task->claim_for_wake()) task->scheduler->schedule(task);
  }

  static void waker_drop(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    switch (task->drop_reference()) {
      case TaskHeader::AfterDrop::Kept:
        break;
      case TaskHeader::AfterDrop::Reschedule:
        task->scheduler->schedule(task);
        break;
      case TaskHeader::AfterDrop::Destroy:
        task->vtable->destroy(task);
        break;
    }
  }

  static constexpr RawWakerVTable task_waker_vtable{&waker_clone, &waker_wake, &waker_wake_by_ref, &waker_drop};

  const std::thread::id owner_ = std::this_thread::get_id();

  // Owner thread only (unfinished_: under mutex_ once closed_).
  TaskQueue local_;
  std::size_t unfinished_ = 0;
  bool running_ = false;

  // Under mutex_ (closed_ is written under mutex_ by the owner, which may
  // read it without locking).
  std::mutex mutex_;
  std::condition_variable wakeup_;
  TaskQueue remote_;
  std::size_t remote_spawned_ = 0;
  std::size_t handles_ = 2;  // the Executor and the first Spawner
  bool sleeping_ = false;
  bool closed_ = false;

  std::atomic<bool> remote_nonempty_{false};  // a hint: remote_ may hold tasks
};

}  // namespace stackless::detail
