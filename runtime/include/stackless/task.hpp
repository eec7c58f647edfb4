// stackless/task.hpp — a task: one spawned future, in one block of memory.
//
// Layout: a small header, then the future stored inline. When the future
// returns Ready it is destroyed and its output is moved into the same bytes,
// where the JoinHandle finds it (a union: the output never needs more room
// than max(future, output)).
//
//     [ TaskHeader: vtable | state | awaiter ]  [ union { F future; T output; } ]
//       32 bytes on 64-bit targets
//
// The block comes from the executor's TaskPool (task_pool.hpp) when the
// task is spawned on the executor's thread (POOLED), from operator new
// otherwise (spawned from another thread, or too big to pool). Either way
// the task knows its scheduler (where a wake queues it) without storing it
// in the header: a pooled task's chunk records it (chunk_of(task)->owner);
// a heap task is allocated with a prefix that holds it:
//
//     pooled:  chunk [ next | owner ] ... [ TaskHeader | future ] ...
//     heap:    [ prefix ... | Scheduler* ][ TaskHeader | future ]
//
// No link either: the ready queues are arrays of task pointers
// (task_queue.hpp). A header holds only what every task needs for as long
// as it lives.
//
// The state word, one atomic (a simplified form of async-task's state.rs,
// for an executor that polls on one thread):
//
//   SCHEDULED    The executor owns the task: it sits in exactly one ready
//                queue, or is being polled. Set by spawn, or by the wake
//                that finds the task idle (that waker then queues it).
//                Cleared by the executor only: when a poll leaves the task
//                idle, or when the task finishes.
//   WOKEN        A wake arrived while SCHEDULED. Cleared when a poll starts,
//                so if it is set after a poll the wake came during the poll
//                and the task is queued again. A queued task thus absorbs any
//                number of wakes into one poll: it is never queued twice.
//   COMPLETED    The future returned Ready; the output is stored.
//   CANCELLED    The future was destroyed before it completed; no output.
//   HANDLE       The JoinHandle exists.
//   AWAITER      The awaiter slot holds the Waker of whoever polled the
//                JoinHandle; it is woken when the task finishes.
//   REGISTERING  The JoinHandle is writing the awaiter slot. Whoever
//                finishes the task meanwhile leaves the slot alone; the
//                JoinHandle sees the finish when it clears this bit.
//   POOLED       Constant: the block belongs to the scheduler's TaskPool,
//                to which destroy() returns it (scheduler.hpp); otherwise
//                it is deleted. Masked out where the state is compared whole.
//   REFERENCE*n  The number of Wakers of this task in existence.
//
//   spawn ---> queued ---poll---> polling ---Ready---> COMPLETED
//               ^   ^                |  |
//               |   +----------------+  |  Pending, woken during the poll
//               |                       |
//               +---- wake ---- idle <--+  Pending, not woken
//
// Ownership: SCHEDULED (the executor's claim), HANDLE and each REFERENCE
// keep the task's memory alive; whoever clears the last of them frees it, on
// whatever thread that is. By then the task has finished: an unfinished idle
// task without any Waker could never be woken again, so the executor cancels
// it rather than let it idle (scheduler.hpp).
//
// Synchronisation: every transition is a read-modify-write of the state
// word, which also tells its author what the others did, with acq_rel
// ordering, so whatever a thread did before waking, dropping or finishing is
// visible to the thread that acts next. The fast paths use a plain load or
// store instead, where the state proves that no other thread can reach the
// task: a detached task without Wakers that finishes (finish(), or its poll
// returning Released: then it is freed at once, its output dropped unread),
// and drop_handle() on the executor's thread of a queued task without Wakers.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>
#include <variant>

#include "config.hpp"
#include "future.hpp"
#include "task_pool.hpp"

namespace stackless::detail {

class Scheduler;  // scheduler.hpp: where a woken task goes
class TaskHeader;

/// Returns a POOLED task's block to its scheduler's pool (defined in
/// scheduler.hpp, which every spawning code includes). May delete the
/// scheduler: the caller must not touch it afterwards.
inline void free_pooled_block(Scheduler* scheduler, void* block, std::size_t bytes) noexcept;

/// An address that identifies the calling thread among the threads alive,
/// cheaper to get than std::this_thread::get_id() (no call): the thread
/// pointer where the compiler offers it (one instruction, and the same in
/// every shared library of the process), else the address of a
/// thread_local. The executor and the JoinHandle compare it with their
/// owner thread's.
#if defined(__has_builtin) && (defined(__x86_64__) || defined(__aarch64__))
#if __has_builtin(__builtin_thread_pointer)
#define STACKLESS_THREAD_POINTER 1
#endif
#endif
#ifdef STACKLESS_THREAD_POINTER
inline const void* this_thread_marker() noexcept { return __builtin_thread_pointer(); }
#else
inline thread_local char thread_marker = 0;
inline const void* this_thread_marker() noexcept { return &thread_marker; }
#endif

/// What one poll of a task's future came to.
enum class PollOutcome : unsigned char {
  Pending,   // the future returned Pending
  Ready,     // it returned Ready: the output is stored, the executor finishes the task
  Released,  // it returned Ready, and nothing but the executor could see the task
             // (no JoinHandle, no Waker): the output is dropped and the task freed
};

/// What the executor and the JoinHandle need from a Task<F>, whatever F is.
struct TaskVTable {
  /// Polls the future. On Ready it destroys the future, then either stores
  /// the output in its place (Ready) or frees the task (Released).
  PollOutcome (*poll)(TaskHeader* task, Context& cx);
  /// Destroys the unfinished future (cancellation).
  void (*drop_future)(TaskHeader* task);
  /// The stored output (only after COMPLETED).
  void* (*output)(TaskHeader* task);
  /// Frees the task's memory, destroying the output and the awaiter if present.
  void (*destroy)(TaskHeader* task);
};

class TaskHeader {
 public:
  using State = std::uintptr_t;
  static constexpr State SCHEDULED = 1u << 0;
  static constexpr State WOKEN = 1u << 1;
  static constexpr State COMPLETED = 1u << 2;
  static constexpr State CANCELLED = 1u << 3;
  static constexpr State HANDLE = 1u << 4;
  static constexpr State AWAITER = 1u << 5;
  static constexpr State REGISTERING = 1u << 6;
  static constexpr State POOLED = 1u << 7;
  static constexpr State REFERENCE = 1u << 8;

  /// A new task, SCHEDULED (to be queued by its creator) and with its
  /// JoinHandle; `pooled`: its block comes from the scheduler's TaskPool.
  TaskHeader(const TaskVTable* table, bool pooled) noexcept
      : vtable(table), state(SCHEDULED | HANDLE | (pooled ? POOLED : 0)) {}
  TaskHeader(const TaskHeader&) = delete;
  TaskHeader& operator=(const TaskHeader&) = delete;

  // ---- executor side (the owner of SCHEDULED) -------------------------------

  /// Called before each poll: forget the wakes that queued this poll.
  void start_poll() noexcept {
    if (state.load(std::memory_order_acquire) & WOKEN) state.fetch_and(~WOKEN, std::memory_order_acq_rel);
  }

  enum class AfterPending { Requeue, Idle, Unreachable };

  /// After a Pending poll during which no wake was seen on this thread:
  /// queue it again (woken from elsewhere during the poll), let it idle
  /// (SCHEDULED cleared: the next wake queues it), or report that no Waker
  /// exists, so nothing can ever wake it (SCHEDULED kept: the caller cancels).
  AfterPending after_pending_poll() noexcept {
    State s = state.load(std::memory_order_acquire);
    for (;;) {
      if (s & WOKEN) {
        if (state.compare_exchange_weak(s, s & ~WOKEN, std::memory_order_acq_rel, std::memory_order_acquire))
          return AfterPending::Requeue;
      } else if (s < REFERENCE) {
        return AfterPending::Unreachable;  // stable: a Waker can only come from a poll or a clone
      } else if (state.compare_exchange_weak(s, s & ~SCHEDULED, std::memory_order_acq_rel, std::memory_order_acquire)) {
        return AfterPending::Idle;
      }
    }
  }

  /// The future is gone (COMPLETED: output stored; CANCELLED: no output).
  /// Records it, wakes whoever awaits the JoinHandle, and gives up the
  /// executor's claim, freeing the task if nobody else holds it.
  void finish(State outcome) {
    const State now = state.load(std::memory_order_acquire);
    if ((now & ~POOLED) == SCHEDULED) {
      // No JoinHandle, no Waker, nothing pending: nobody else can see this
      // task any more (the common case of a detached task), so no atomic
      // read-modify-write is needed.
      state.store(now | outcome, std::memory_order_relaxed);
      vtable->destroy(this);
      return;
    }
    // Keep SCHEDULED while touching the awaiter slot, so that the task cannot
    // be freed under us.
    State s = state.fetch_or(outcome, std::memory_order_acq_rel);
    if ((s & AWAITER) && !(s & REGISTERING)) {
      Waker awaiting = std::move(awaiter);
      awaiting.wake();
    }
    s = state.fetch_and(~(SCHEDULED | WOKEN), std::memory_order_acq_rel) & ~(SCHEDULED | WOKEN);
    if (!is_held(s)) vtable->destroy(this);
  }

  // ---- waker side (any thread) ---------------------------------------------

  void add_reference() noexcept {
    if (state.fetch_add(REFERENCE, std::memory_order_relaxed) > ~State{0} / 2) std::abort();  // overflow
  }

  /// A wake. Returns true when the task was idle: the caller now holds
  /// SCHEDULED and must queue it. A queued or running task just gets WOKEN;
  /// a finished one ignores the wake.
  bool claim_for_wake() noexcept {
    State s = state.load(std::memory_order_relaxed);
    for (;;) {
      if (s & (COMPLETED | CANCELLED)) return false;
      const State next = (s & SCHEDULED) ? (s | WOKEN) : (s | SCHEDULED);
      // Always a read-modify-write, even when WOKEN is already set: that is
      // what publishes this thread's writes to the poll that follows.
      if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel, std::memory_order_relaxed))
        return !(s & SCHEDULED);
    }
  }

  enum class AfterDrop { Kept, Reschedule, Destroy };

  /// A Waker is dropped. If it was the last one of an idle, unfinished task,
  /// the caller gets SCHEDULED and must queue the task once more: polled
  /// again, the task either gets a new Waker or is found unreachable and
  /// cancelled by the executor. Destroy: the caller must free the task.
  AfterDrop drop_reference() noexcept {
    State s = state.load(std::memory_order_relaxed);
    for (;;) {
      State next = s - REFERENCE;
      const bool orphaned = next < REFERENCE && !(next & (SCHEDULED | COMPLETED | CANCELLED));
      if (orphaned) next |= SCHEDULED;
      if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel, std::memory_order_relaxed)) {
        if (orphaned) return AfterDrop::Reschedule;
        return is_held(next) ? AfterDrop::Kept : AfterDrop::Destroy;
      }
    }
  }

  // ---- JoinHandle side -------------------------------------------------------

  /// True once the output is stored. Otherwise stores a copy of `waker` in
  /// the awaiter slot (woken when the task finishes) and returns false.
  /// Throws std::logic_error if the task was cancelled.
  bool poll_join(const Waker& waker) {
    State s = state.load(std::memory_order_acquire);
    for (;;) {
      if (s & COMPLETED) return true;
      if (s & CANCELLED) throw_cancelled();
      if (state.compare_exchange_weak(s, s | REGISTERING, std::memory_order_acquire, std::memory_order_acquire))
        break;
    }
    // REGISTERING is ours: nobody else touches the slot now.
    const bool had_awaiter = (s & AWAITER) != 0;
    if (!had_awaiter) {
      ::new (static_cast<void*>(&awaiter)) Waker(waker);
    } else if (!awaiter.will_wake(waker)) {
      awaiter = waker;
    }
    // Clear REGISTERING and set AWAITER in one step.
    s = state.fetch_xor(REGISTERING | (had_awaiter ? 0 : AWAITER), std::memory_order_acq_rel);
    if (s & COMPLETED) return true;  // finished meanwhile: the finisher left the wake to us
    if (s & CANCELLED) throw_cancelled();
    return false;
  }

  /// The JoinHandle is dropped: the task is detached (it still runs).
  /// `on_owner_thread`: we are on the executor's thread.
  void drop_handle(bool on_owner_thread) noexcept {
    const State now = state.load(std::memory_order_acquire);
    if (on_owner_thread && (now & ~POOLED) == (SCHEDULED | HANDLE)) {
      // Queued, no Waker: only the executor's thread — this one — can see
      // the task now, so a plain store suffices (the common fire-and-forget
      // spawn). Any other state may be changed concurrently by a Waker or a
      // finishing executor: read-modify-write.
      state.store(now & ~HANDLE, std::memory_order_relaxed);
      return;
    }
    const State s = state.fetch_and(~HANDLE, std::memory_order_acq_rel) & ~HANDLE;
    if (!is_held(s)) vtable->destroy(this);
  }

  /// Frees a task that was never queued (spawn failed).
  void discard_unqueued() noexcept {
    vtable->drop_future(this);
    state.store(CANCELLED | (state.load(std::memory_order_relaxed) & POOLED), std::memory_order_relaxed);
    vtable->destroy(this);
  }

  /// Where a wake queues the task: recorded in its chunk (POOLED), or just
  /// before the task (heap; see the layout above).
  Scheduler* scheduler() const noexcept {
    if (state.load(std::memory_order_relaxed) & POOLED) return static_cast<Scheduler*>(chunk_of(this)->owner);
    Scheduler* owner;
    std::memcpy(&owner, reinterpret_cast<const char*>(this) - sizeof(Scheduler*), sizeof owner);
    return owner;
  }

  // ---- fields ---------------------------------------------------------------

  const TaskVTable* const vtable;
  std::atomic<State> state;
  union {
    Waker awaiter;  // valid while AWAITER is set
  };

 protected:
  ~TaskHeader() {}  // destroyed through vtable->destroy

 private:
  static bool is_held(State s) noexcept { return (s & (SCHEDULED | HANDLE)) != 0 || s >= REFERENCE; }

  [[noreturn]] static void throw_cancelled() {
    misuse(
        "stackless: JoinHandle of a cancelled task (its executor was destroyed, its future threw, "
        "or it was pending with no Waker left to wake it)");
  }
};

/// The output a task stores: void becomes std::monostate.
template <class T>
using stored_output_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class F>
class Task final : public TaskHeader {
 public:
  using Output = stored_output_t<future_output_t<F>>;
  static_assert(std::is_nothrow_move_constructible_v<Output>,
                "stackless: a spawned future's output must be nothrow move constructible "
                "(it is moved into the storage of the finished future); wrap it in a std::unique_ptr");

  /// Whether a Task<F> is pooled, and the size of its block (task_pool.hpp).
  static constexpr bool pooled = TaskPool::pooled_v<Task>;
  static constexpr std::size_t block_bytes = TaskPool::block_bytes<Task>;

  /// A new task holding `future` in `block`, a block_bytes block of the
  /// pool of the scheduler that `block`'s chunk names (POOLED). SCHEDULED
  /// (to be queued by the caller) and with its JoinHandle. If F's
  /// constructor throws, nothing is constructed and the block stays the
  /// caller's.
  template <class G>
  static Task* create_pooled(void* block, G&& future) {
    return ::new (block) Task(std::forward<G>(future), true);
  }

  /// The same in a new heap allocation, after a prefix naming `scheduler`.
  template <class G>
  static Task* create_on_heap(G&& future, Scheduler* scheduler) {
    void* const memory = heap_allocate();
    char* const task = static_cast<char*>(memory) + kHeapPrefix;
    ::new (static_cast<void*>(task - sizeof(Scheduler*))) Scheduler*(scheduler);
    struct Release {  // if F's constructor throws
      void* memory;
      ~Release() {
        if (memory != nullptr) heap_deallocate(memory);
      }
    } release{memory};
    Task* created = ::new (static_cast<void*>(task)) Task(std::forward<G>(future), false);
    release.memory = nullptr;
    return created;
  }

  static const TaskVTable vtable_instance;

 private:
  template <class G>
  Task(G&& future, bool in_pool) : TaskHeader(&vtable_instance, in_pool) {
    ::new (static_cast<void*>(&future_)) F(std::forward<G>(future));
  }
  ~Task() {}

  // A heap task: [ prefix | Task ], the prefix ending with the Scheduler*.
  static constexpr std::size_t kHeapPrefix = alignof(Task) > 16 ? alignof(Task) : 16;
  static constexpr bool kOverAligned = alignof(Task) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
  static void* heap_allocate() {
    if constexpr (kOverAligned) {
      return ::operator new(kHeapPrefix + sizeof(Task), std::align_val_t{alignof(Task)});
    } else {
      return ::operator new(kHeapPrefix + sizeof(Task));
    }
  }
  static void heap_deallocate(void* memory) noexcept {
    if constexpr (kOverAligned) {
      ::operator delete(memory, std::align_val_t{alignof(Task)});
    } else {
      ::operator delete(memory);
    }
  }

  static Task* self(TaskHeader* task) noexcept { return static_cast<Task*>(task); }

  static PollOutcome poll(TaskHeader* task, Context& cx) {
    Task* t = self(task);
    {
      auto result = t->future_.poll(cx);
      if (result.is_pending()) return PollOutcome::Pending;
      t->future_.~F();
      // No JoinHandle, no Waker (the state compared whole, as in finish()):
      // nobody but this thread can see the task, and nobody will read the
      // output. Skip storing it, and finishing: free the task now. Otherwise
      // store the output for the JoinHandle; the executor then finishes.
      if ((t->state.load(std::memory_order_acquire) & ~POOLED) != SCHEDULED) {
        if constexpr (std::is_void_v<future_output_t<F>>) {
          ::new (static_cast<void*>(&t->output_)) Output();
        } else {
          ::new (static_cast<void*>(&t->output_)) Output(std::move(result).value());
        }
        return PollOutcome::Ready;
      }
    }  // the unread output is destroyed here, before its task's memory goes
    t->free_memory();
    return PollOutcome::Released;
  }

  static void drop_future(TaskHeader* task) { self(task)->future_.~F(); }

  static void* output(TaskHeader* task) { return &self(task)->output_; }

  static void destroy(TaskHeader* task) {
    Task* t = self(task);
    const State s = t->state.load(std::memory_order_relaxed);  // we are the last owner
    if (s & COMPLETED) t->output_.~Output();
    if (s & AWAITER) t->awaiter.~Waker();
    t->free_memory();
  }

  /// Gives the task's memory back: to the scheduler's pool, or to the heap.
  void free_memory() noexcept {
    if constexpr (pooled) {
      if (state.load(std::memory_order_relaxed) & POOLED) {
        Scheduler* const owner = scheduler();
        this->~Task();
        free_pooled_block(owner, this, block_bytes);
        return;
      }
    }
    void* const memory = reinterpret_cast<char*>(this) - kHeapPrefix;
    this->~Task();
    heap_deallocate(memory);
  }

  union {
    F future_;        // until the future finishes
    Output output_;   // after COMPLETED
  };
};

template <class F>
const TaskVTable Task<F>::vtable_instance = {&Task::poll, &Task::drop_future, &Task::output, &Task::destroy};

}  // namespace stackless::detail
