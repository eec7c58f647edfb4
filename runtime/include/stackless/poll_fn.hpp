// stackless/poll_fn.hpp — poll_fn(c): a future from a poll function.
//
// poll_fn(c) is a future whose poll is `c(cx)`, for any callable taking a
// Context& and returning a Poll<T>; its Output is T.
//
//     int n = 0;
//     auto f = poll_fn([&n](Context& cx) {
//         if (++n < 3) { cx.waker().wake_by_ref(); return Poll<int>::pending(); }
//         return Poll<int>::ready(n);
//     });
//
// Invariants: the callable is stored by value and called in place; once it
// returned Ready it is not called again: polling throws std::logic_error.
#pragma once

#include <type_traits>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"

namespace stackless {

namespace detail {

template <class P>
struct poll_output {};  // not a Poll: no `type`
template <class T>
struct poll_output<Poll<T>> {
  using type = T;
};

}  // namespace detail

template <class C>
class PollFn {
 public:
  using Output = typename detail::poll_output<std::invoke_result_t<C&, Context&>>::type;

  explicit PollFn(C callable) : callable_(std::move(callable)) {}

  Poll<Output> poll(Context& cx) {
    if (done_) detail::misuse("stackless: poll_fn() future polled after completion");
    Poll<Output> result = callable_(cx);
    done_ = result.is_ready();
    return result;
  }

 private:
  C callable_;
  bool done_ = false;
};

/// A future whose poll(cx) calls `callable(cx)`, which returns a Poll<T>.
template <class C>
PollFn<std::decay_t<C>> poll_fn(C&& callable) {
  return PollFn<std::decay_t<C>>(std::forward<C>(callable));
}

}  // namespace stackless
