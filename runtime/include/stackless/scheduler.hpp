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
// Both are arrays of task pointers in chunks (task_queue.hpp), so run() can
// prefetch the tasks it is about to poll.
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
// Task memory. A task spawned on the owner thread while the executor
// exists takes its block from pool_ (task_pool.hpp), without any lock, and
// finds this scheduler through its chunk; one spawned from another thread
// (or too big for the pool) is allocated with operator new, with a prefix
// naming this scheduler (task.hpp). A pooled block goes back to pool_ when
// the task is freed:
// on the owner thread, at once and without any lock; on another thread, it
// is linked into remote_freed_ under mutex_ (the owner sorts those back
// into pool_ when it next takes remote work: the pool itself is only ever
// touched by the owner thread). So the pool outlives its blocks: see
// pool_live_ below.
//
// Counting, for run() to know when it is done, and for this object's own
// lifetime:
//   * handles_: the Executor plus every Spawner copy (under mutex_).
//   * unfinished_: spawned tasks not yet finished. Owner-thread only while
//     the executor exists (so spawning on it needs no atomic operation);
//     tasks spawned from other threads are counted in remote_spawned_ (under
//     mutex_) until the owner takes them from remote_. Once the executor is
//     gone (closed_), unfinished_ is guarded by mutex_.
//   * pool_live_: pooled blocks handed out and not yet back in pool_
//     (blocks in remote_freed_ still count). Owner-thread only while the
//     executor exists; under mutex_ once it is gone.
//   run() returns when nothing is queued, unfinished_ == 0 and handles_ == 1
//   (only the Executor is left): every task finished and every Spawner is
//   destroyed. The Scheduler deletes itself when handles_ == 0,
//   unfinished_ == 0 and pool_live_ == 0: an unfinished task may still be
//   woken from another thread and must find its scheduler, and a pooled
//   task's block is part of pool_. A finished task touches its scheduler
//   once more only to free a pooled block.
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
//
// The owner thread is recognised by this_thread_marker() (task.hpp: the
// thread pointer, one instruction), where std::this_thread::get_id() is a
// library call.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "task.hpp"
#include "task_pool.hpp"
#include "task_queue.hpp"
#include "waker.hpp"

namespace stackless::detail {

/// The task being polled on this thread, and whether it woke itself. run()
/// sets it around each poll (and clears `task` after it), and restores the
/// value it found when it returns: an executor may run inside a poll.
struct PollingTask {
  TaskHeader* task = nullptr;
  bool woken = false;
};
inline thread_local PollingTask polling_task;

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
      // handles_ == 0: closed, so unfinished_ and pool_live_ are ours to read
      last = handles_ == 0 && unfinished_ == 0 && pool_live_ == 0;
    }
    if (last) delete this;
  }

  // ---- tasks -----------------------------------------------------------------

  /// Makes a task of `future` (an F, moved or copied in) and queues it.
  /// Null (and the task discarded) once the executor is gone.
  template <class F, class G>
  TaskHeader* spawn(G&& future) {
    if constexpr (Task<F>::pooled) {
      if (on_owner_thread() && !closed_) {
        local_.make_room();
        void* block = pool_.allocate(Task<F>::block_bytes);
        struct GiveBack {  // if F's constructor throws
          TaskPool& pool;
          void* block;
          ~GiveBack() {
            if (block != nullptr) pool.deallocate(block, Task<F>::block_bytes);
          }
        } give_back{pool_, block};
        TaskHeader* task = Task<F>::create_pooled(block, std::forward<G>(future));
        give_back.block = nullptr;
        ++pool_live_;
        ++unfinished_;
        local_.push_back(task);  // does not allocate: make_room()
        return task;
      }
    }
    TaskHeader* task = Task<F>::create_on_heap(std::forward<G>(future), this);
    struct Discard {  // unless queued: closed, or out of memory for the queue
      TaskHeader* task;
      ~Discard() {
        if (task != nullptr) task->discard_unqueued();
      }
    } discard{task};
    if (on_owner_thread()) {
      if (!closed_) {
        local_.make_room();
        ++unfinished_;
        local_.push_back(task);
        discard.task = nullptr;
        return task;
      }
    } else {
      std::lock_guard<std::mutex> lock(mutex_);  // released before `discard` runs the future's destructor
      if (!closed_) {
        remote_.make_room();
        ++remote_spawned_;
        push_remote(task);
        discard.task = nullptr;
        return task;
      }
    }
    return nullptr;
  }

  /// A POOLED task's block is free (its task destroyed). May delete this.
  void free_block(void* block, std::size_t bytes) noexcept {
    if (on_owner_thread() && !closed_) {
      pool_.deallocate(block, bytes);
      --pool_live_;
      return;
    }
    free_block_elsewhere(block, bytes);
  }

  /// free_block() on another thread, or once the executor is gone.
  STACKLESS_NOINLINE void free_block_elsewhere(void* block, std::size_t bytes) noexcept {
    bool last;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!closed_) {
        TaskPool::push_foreign(remote_freed_, block, bytes);  // the owner takes it back
        remote_nonempty_.store(true, std::memory_order_relaxed);
        return;
      }
      --pool_live_;  // closed: nothing is allocated from pool_ any more; it goes as a whole
      last = handles_ == 0 && unfinished_ == 0 && pool_live_ == 0;
    }
    if (last) delete this;
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
    if (!on_owner_thread()) misuse("stackless: Executor::run() must be called on the thread that created the executor");
    if (running_) misuse("stackless: Executor::run() called from inside run()");
    running_ = true;
    struct Reset {
      bool& running;
      PollingTask outer;  // this thread's polling_task when run() was called
      ~Reset() {
        running = false;
        polling_task = outer;
      }
    } reset{running_, polling_task};

    for (;;) {
      take_remote_if_any();
      if (TaskHeader* task = local_.pop_front()) {
        if (const TaskHeader* later = local_.ahead()) prefetch_task(later);  // on its way while we work
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

  /// The thread the executor is bound to (its this_thread_marker()).
  const void* owner() const noexcept { return owner_; }

  /// The Waker of `task` (one reference, which the caller must own).
  static RawWaker task_waker(TaskHeader* task) noexcept { return RawWaker{task, &task_waker_vtable}; }

 private:
  Scheduler() = default;
  // Deleted by itself, once nothing refers to it (see above). Its pool's
  // chunks go to this thread's cache if this is the owner thread (the one
  // likely to run an executor again); otherwise back to malloc.
  ~Scheduler() {
    const bool keep = on_owner_thread();
    local_.release(keep);
    remote_.release(keep);
    pool_.release_chunks(keep);
  }

  bool on_owner_thread() const noexcept { return this_thread_marker() == owner_; }

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

  // mutex_ held, owner thread.
  void take_remote() {
    local_.append(remote_);
    unfinished_ += remote_spawned_;
    remote_spawned_ = 0;
    pool_live_ -= pool_.take_back(std::exchange(remote_freed_, nullptr));
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

  /// One poll of a task the executor owns (SCHEDULED). The common paths —
  /// the task finishes, or it woke itself and goes to the back of the queue —
  /// are kept short: this is the executor's inner loop.
  STACKLESS_ALWAYS_INLINE void run_task(TaskHeader* task) {
    task->start_poll();
    polling_task = PollingTask{task, false};
    PollOutcome outcome;
    {
      BorrowedWaker waker(task_waker(task));
      Context cx(waker.get());
#if STACKLESS_HAS_EXCEPTIONS
      try {
        outcome = task->vtable->poll(task, cx);
      } catch (...) {
        // The future is poisoned: cancel the task and let the exception
        // leave run(). run() may be called again for the other tasks.
        polling_task.task = nullptr;
        cancel(task);
        --unfinished_;
        throw;
      }
#else
      outcome = task->vtable->poll(task, cx);
#endif
    }
    const bool woken = polling_task.woken;
    polling_task.task = nullptr;  // a wake from now on is an ordinary one
    switch (outcome) {
      case PollOutcome::Released:  // finished and already freed
        --unfinished_;
        break;
      case PollOutcome::Ready:
        finish_completed(task);
        break;
      case PollOutcome::Pending:
        if (woken) {
          requeue(task);
        } else {
          after_pending_poll(task);
        }
        break;
    }
  }

  /// A Ready poll whose output was stored (someone may read it).
  STACKLESS_NOINLINE void finish_completed(TaskHeader* task) {
    task->finish(TaskHeader::COMPLETED);
    --unfinished_;
  }

  /// A Pending poll during which the task did not wake itself on this thread.
  STACKLESS_NOINLINE void after_pending_poll(TaskHeader* task) {
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
      last = handles_ == 0 && unfinished_ == 0 && pool_live_ == 0;
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
      polling_task.woken = true;  // woke itself during its poll: run_task() re-queues it
      return;
    }
    if (task->claim_for_wake()) task->scheduler()->schedule(task);
  }

  static void waker_drop(void* data) {
    auto* task = static_cast<TaskHeader*>(data);
    switch (task->drop_reference()) {
      case TaskHeader::AfterDrop::Kept:
        break;
      case TaskHeader::AfterDrop::Reschedule:
        task->scheduler()->schedule(task);
        break;
      case TaskHeader::AfterDrop::Destroy:
        task->vtable->destroy(task);
        break;
    }
  }

  static constexpr RawWakerVTable task_waker_vtable{&waker_clone, &waker_wake, &waker_wake_by_ref, &waker_drop};

  const void* const owner_ = this_thread_marker();

  // Owner thread only (unfinished_, pool_live_: under mutex_ once closed_).
  TaskQueue local_;
  std::size_t unfinished_ = 0;
  std::size_t pool_live_ = 0;
  bool running_ = false;
  TaskPool pool_{this};  // the pool itself is only ever touched by the owner thread

  // Under mutex_ (closed_ is written under mutex_ by the owner, which may
  // read it without locking).
  std::mutex mutex_;
  std::condition_variable wakeup_;
  TaskQueue remote_;
  std::size_t remote_spawned_ = 0;
  FreeBlock* remote_freed_ = nullptr;  // pooled blocks freed by other threads
  std::size_t handles_ = 2;  // the Executor and the first Spawner
  bool sleeping_ = false;
  bool closed_ = false;

  std::atomic<bool> remote_nonempty_{false};  // a hint: remote_ or remote_freed_ may hold something
};

inline void free_pooled_block(Scheduler* scheduler, void* block, std::size_t bytes) noexcept {
  scheduler->free_block(block, bytes);
}

}  // namespace stackless::detail
