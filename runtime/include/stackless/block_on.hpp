// stackless/block_on.hpp — block_on(f): run one future to completion on this thread.
//
// The smallest executor: poll f; while it is Pending, park the calling
// thread until f's Waker unparks it; poll again. No spinning: a parked thread
// sleeps on a condition variable.
//
//     int sum = block_on(add_later(1, 2));
//
// The future is polled in place (an lvalue is left completed; a temporary
// lives until the end of the full-expression), so it is never moved after
// its first poll.
//
// The Waker's data is a small reference-counted Parker (mutex, condition
// variable, `notified` flag). A wake sets `notified`; park() waits for it and
// clears it, so a wake that comes before park() is not lost, and a wake from
// another thread after block_on returned only touches a Parker kept alive by
// that Waker's own reference.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <type_traits>
#include <utility>

#include "context.hpp"
#include "future.hpp"
#include "waker.hpp"

namespace stackless {

namespace detail {

class Parker {
 public:
  /// A new Parker, with one reference for the caller to hand to a Waker.
  static Parker* create() { return new Parker(); }

  /// A RawWaker for one existing reference to `parker`.
  static RawWaker raw_waker(Parker* parker) noexcept { return RawWaker{parker, &vtable}; }

  /// Blocks until unpark() has been called since the last park().
  void park() {
    std::unique_lock<std::mutex> lock(mutex_);
    unparked_.wait(lock, [this] { return notified_; });
    notified_ = false;
  }

  void unpark() {
    std::lock_guard<std::mutex> lock(mutex_);
    notified_ = true;
    unparked_.notify_one();
  }

 private:
  Parker() = default;

  static RawWaker clone(void* data) noexcept {
    static_cast<Parker*>(data)->refs_.fetch_add(1, std::memory_order_relaxed);
    return RawWaker{data, &vtable};
  }
  static void wake(void* data) {
    wake_by_ref(data);
    drop(data);
  }
  static void wake_by_ref(void* data) { static_cast<Parker*>(data)->unpark(); }
  static void drop(void* data) noexcept {
    auto* parker = static_cast<Parker*>(data);
    if (parker->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete parker;
  }

  static constexpr RawWakerVTable vtable{&clone, &wake, &wake_by_ref, &drop};

  std::atomic<std::size_t> refs_{1};
  std::mutex mutex_;
  std::condition_variable unparked_;
  bool notified_ = false;
};

}  // namespace detail

/// Polls `future` on the calling thread until it is Ready; returns its output.
template <class F>
future_output_t<std::remove_cv_t<std::remove_reference_t<F>>> block_on(F&& future) {
  static_assert(is_future_v<std::remove_cv_t<std::remove_reference_t<F>>>, "stackless::block_on() takes a future");
  detail::Parker* const parker = detail::Parker::create();
  const Waker waker(detail::Parker::raw_waker(parker));  // owns that reference: keeps *parker alive
  Context cx(waker);
  for (;;) {
    auto result = future.poll(cx);
    if (result.is_ready()) {
      if constexpr (std::is_void_v<future_output_t<std::remove_cv_t<std::remove_reference_t<F>>>>) {
        return;
      } else {
        return std::move(result).value();
      }
    }
    parker->park();
  }
}

}  // namespace stackless
