// stackless/ready.hpp — ready(v): a future that is Ready at once.
//
//     block_on(ready(42)) == 42;      block_on(ready());   // Output void
//
// Invariants: the first poll hands out the value (moved); polling again
// throws std::logic_error.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"

namespace stackless {

template <class T>
class Ready {
 public:
  using Output = T;

  explicit Ready(T value) : value_(std::move(value)) {}

  Poll<T> poll(Context&) {
    if (!value_) detail::misuse("stackless: ready() future polled after completion");
    Poll<T> result = Poll<T>::ready(std::move(*value_));
    value_.reset();
    return result;
  }

 private:
  std::optional<T> value_;  // empty once Ready
};

template <>
class Ready<void> {
 public:
  using Output = void;

  Poll<void> poll(Context&) {
    if (done_) detail::misuse("stackless: ready() future polled after completion");
    done_ = true;
    return Poll<void>::ready();
  }

 private:
  bool done_ = false;
};

/// A future whose output is `value`, Ready at the first poll.
template <class T>
Ready<std::decay_t<T>> ready(T&& value) {
  return Ready<std::decay_t<T>>(std::forward<T>(value));
}

/// A future with a void output, Ready at the first poll.
inline Ready<void> ready() { return Ready<void>(); }

}  // namespace stackless
