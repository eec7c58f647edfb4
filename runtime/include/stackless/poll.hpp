// stackless/poll.hpp — Poll<T>: the answer a future gives each time it is polled.
//
// A future either finished, and hands over its output (Ready), or could not
// make progress yet (Pending). A future that answers Pending has arranged for
// the waker of the Context it was polled with to be woken once it can make
// progress; see context.hpp.
//
//     Poll<int> p = Poll<int>::ready(42);      Poll<void> v = Poll<void>::ready();
//     Poll<int> q = Poll<int>::pending();      if (p.is_ready()) use(p.value());
//
// Invariants: value() is only meaningful on a Ready poll (calling it on a
// Pending one throws std::logic_error). T may be move-only; take the output
// with std::move(p.value()) or std::move(p).value().
#pragma once

#include <optional>
#include <utility>

#include "config.hpp"

namespace stackless {

template <class T>
class Poll {
 public:
  /// Ready(value): the future finished with `value`.
  static Poll ready(T value) { return Poll(std::move(value)); }
  /// Ready with a T made in place from `args` (no T is moved: combinators
  /// building a std::variant output use it; g++ warns, wrongly, that a
  /// moved variant's other alternative may be used uninitialized).
  template <class... Args>
  static Poll ready_in_place(Args&&... args) { return Poll(std::in_place, std::forward<Args>(args)...); }
  /// Pending: the future will wake its waker once it can make progress.
  static Poll pending() { return Poll(); }

  bool is_ready() const noexcept { return value_.has_value(); }
  bool is_pending() const noexcept { return !value_.has_value(); }

  /// The output of a Ready poll.
  T& value() & { check(); return *value_; }
  const T& value() const& { check(); return *value_; }
  T&& value() && { check(); return std::move(*value_); }

 private:
  Poll() = default;
  explicit Poll(T&& value) : value_(std::move(value)) {}
  template <class... Args>
  explicit Poll(std::in_place_t, Args&&... args) : value_(std::in_place, std::forward<Args>(args)...) {}

  void check() const {
    if (!value_) detail::misuse("stackless: Poll::value() called on a Pending poll");
  }

  std::optional<T> value_;  // empty = Pending
};

/// A future without an output (Output = void) answers Poll<void>.
template <>
class Poll<void> {
 public:
  static Poll ready() noexcept { return Poll(true); }
  static Poll pending() noexcept { return Poll(false); }

  bool is_ready() const noexcept { return ready_; }
  bool is_pending() const noexcept { return !ready_; }

 private:
  explicit Poll(bool ready) noexcept : ready_(ready) {}

  bool ready_;
};

}  // namespace stackless
