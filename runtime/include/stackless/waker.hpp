// stackless/waker.hpp — Waker: how a future asks to be polled again.
//
// A future that returns Pending keeps a Waker (a copy of the one in its
// Context) and wakes it once it can make progress; the executor then polls
// it again. Whoever created the Waker decides what waking means: an executor
// re-queues a task, block_on unparks its thread.
//
// A Waker is built from a RawWaker, a data pointer plus a table of four
// functions (the same design as Rust's std::task::RawWaker):
//
//   clone(data)        makes a new reference and returns a RawWaker for it
//   wake(data)         wakes, and consumes (drops) the reference
//   wake_by_ref(data)  wakes, and keeps the reference
//   drop(data)         releases the reference
//
// Ownership: a Waker owns exactly one reference. Constructing a Waker from a
// RawWaker takes that reference over; copying calls clone; destroying calls
// drop; moving transfers the reference and leaves the source empty.
// wake() consumes the reference (Rust's `wake(self)`), so after it the Waker
// is empty, as if moved from. An empty Waker may be destroyed or assigned to;
// wake() and wake_by_ref() on it do nothing.
#pragma once

#include <utility>

namespace stackless {

struct RawWakerVTable;

/// One reference to something wakeable: `data` interpreted by `vtable`.
struct RawWaker {
  void* data;
  const RawWakerVTable* vtable;
};

/// The four operations on a RawWaker's data, in this order.
struct RawWakerVTable {
  RawWaker (*clone)(void* data);
  void (*wake)(void* data);         // consumes the reference
  void (*wake_by_ref)(void* data);  // keeps the reference
  void (*drop)(void* data);
};

class Waker {
 public:
  /// Takes over the reference that `raw` stands for.
  explicit Waker(RawWaker raw) noexcept : raw_(raw) {}

  Waker(const Waker& other) : raw_(other.is_empty() ? RawWaker{} : other.raw_.vtable->clone(other.raw_.data)) {}
  Waker(Waker&& other) noexcept : raw_(std::exchange(other.raw_, RawWaker{})) {}

  Waker& operator=(const Waker& other) {
    if (this != &other) *this = Waker(other);
    return *this;
  }
  Waker& operator=(Waker&& other) noexcept {
    if (this != &other) {
      release();
      raw_ = std::exchange(other.raw_, RawWaker{});
    }
    return *this;
  }

  ~Waker() { release(); }

  /// Wakes the task and consumes this Waker's reference: it is empty afterwards.
  void wake() {
    if (is_empty()) return;
    RawWaker raw = std::exchange(raw_, RawWaker{});
    raw.vtable->wake(raw.data);
  }

  /// Wakes the task and keeps the reference.
  void wake_by_ref() const {
    if (!is_empty()) raw_.vtable->wake_by_ref(raw_.data);
  }

  /// True when both wake the same thing (same data and vtable); a future uses
  /// it to skip replacing the Waker it stored when polled again.
  bool will_wake(const Waker& other) const noexcept {
    return raw_.data == other.raw_.data && raw_.vtable == other.raw_.vtable;
  }

  /// A Waker that does nothing (for tests and benchmarks); no allocation.
  /// A reference to one that lives as long as the program, as Rust's
  /// `Waker::noop()`, so that `Context cx(Waker::noop());` does not dangle;
  /// `Waker w = Waker::noop();` copies it (a copy of it costs nothing).
  static const Waker& noop() noexcept {
    static const Waker waker(NoopWaker::raw());
    return waker;
  }

 private:
  struct NoopWaker {
    static RawWaker clone(void*) noexcept { return raw(); }
    static void ignore(void*) noexcept {}
    static RawWaker raw() noexcept {
      static constexpr RawWakerVTable vtable{&clone, &ignore, &ignore, &ignore};
      return RawWaker{nullptr, &vtable};
    }
  };

  bool is_empty() const noexcept { return raw_.vtable == nullptr; }

  void release() noexcept {
    if (is_empty()) return;
    RawWaker raw = std::exchange(raw_, RawWaker{});
    raw.vtable->drop(raw.data);
  }

  RawWaker raw_;  // vtable == nullptr: empty (moved from, or woken)
};

}  // namespace stackless
