// Helpers shared by the runtime unit tests.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include <stackless/stackless.hpp>

namespace test {

using namespace std::chrono_literals;

/// A Waker whose every operation is counted, through its own RawWakerVTable.
/// `data` points at the counters; they must outlive every Waker made from it.
struct CountingWaker {
  std::atomic<int> clones{0};
  std::atomic<int> drops{0};
  std::atomic<int> wakes{0};         // wake(): consumes a reference
  std::atomic<int> wakes_by_ref{0};

  /// A Waker owning one (counted as cloned) reference.
  stackless::Waker make() {
    clones.fetch_add(1);
    return stackless::Waker(stackless::RawWaker{this, &vtable});
  }
  int alive() const { return clones.load() - drops.load() - wakes.load(); }
  int woken() const { return wakes.load() + wakes_by_ref.load(); }

  static stackless::RawWaker clone(void* data) {
    static_cast<CountingWaker*>(data)->clones.fetch_add(1);
    return stackless::RawWaker{data, &vtable};
  }
  static void wake(void* data) { static_cast<CountingWaker*>(data)->wakes.fetch_add(1); }
  static void wake_by_ref(void* data) { static_cast<CountingWaker*>(data)->wakes_by_ref.fetch_add(1); }
  static void drop(void* data) { static_cast<CountingWaker*>(data)->drops.fetch_add(1); }
  static constexpr stackless::RawWakerVTable vtable{&clone, &wake, &wake_by_ref, &drop};
};

/// Counts constructions, moves and destructions of tracked objects.
struct LifeCounts {
  int constructed = 0;
  int moved = 0;
  int destroyed = 0;  // moved-from objects included
  int alive() const { return constructed + moved - destroyed; }
};

/// A future Ready with `value` after `pending_polls` Pending polls (each
/// waking itself), tracking its life in `counts`.
class Countdown {
 public:
  using Output = int;
  Countdown(LifeCounts& counts, int pending_polls, int value) : counts_(&counts), left_(pending_polls), value_(value) {
    ++counts_->constructed;
  }
  Countdown(Countdown&& other) noexcept : counts_(other.counts_), left_(other.left_), value_(other.value_), polls_(other.polls_) {
    ++counts_->moved;
  }
  ~Countdown() { ++counts_->destroyed; }

  stackless::Poll<int> poll(stackless::Context& cx) {
    ++polls_;
    if (left_ == 0) return stackless::Poll<int>::ready(value_);
    --left_;
    cx.waker().wake_by_ref();
    return stackless::Poll<int>::pending();
  }
  int polls() const { return polls_; }

 private:
  LifeCounts* counts_;
  int left_;
  int value_;
  int polls_ = 0;
};

/// A one-shot event between a future and whoever sets it (any thread): the
/// future is Pending (keeping the latest Waker) until set() is called.
class Event {
 public:
  struct Shared {
    std::mutex mutex;
    bool set = false;
    std::optional<stackless::Waker> waker;
    int polls = 0;
  };

  Event() : shared_(std::make_shared<Shared>()) {}

  /// Sets the event and wakes the waiting future, if any.
  void set() const {
    std::optional<stackless::Waker> waker;
    {
      std::lock_guard<std::mutex> lock(shared_->mutex);
      shared_->set = true;
      waker.swap(shared_->waker);
    }
    if (waker) waker->wake();
  }
  /// Wakes the waiting future without setting the event.
  void wake_only() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->waker) shared_->waker->wake_by_ref();
  }
  int polls() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->polls;
  }
  bool has_waker() const {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return shared_->waker.has_value();
  }

  /// The future side.
  struct Wait {
    using Output = void;
    std::shared_ptr<Shared> shared;
    stackless::Poll<void> poll(stackless::Context& cx) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      ++shared->polls;
      if (shared->set) return stackless::Poll<void>::ready();
      shared->waker = cx.waker();
      return stackless::Poll<void>::pending();
    }
  };
  Wait wait() const { return Wait{shared_}; }

 private:
  std::shared_ptr<Shared> shared_;
};

/// Polls `future` once with a no-op waker.
template <class F>
auto poll_once(F& future) {
  const stackless::Waker waker = stackless::Waker::noop();
  stackless::Context cx(waker);
  return future.poll(cx);
}

}  // namespace test
