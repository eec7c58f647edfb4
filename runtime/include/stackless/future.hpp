// stackless/future.hpp — what a future is.
//
// A future is any type F with
//
//     using Output = T;                 // what it produces (T may be void)
//     Poll<T> poll(Context& cx);        // make progress; Ready(T) or Pending
//
// Futures are lazy: nothing happens until someone polls them. The contract
// each poll follows (Rust's Future::poll):
//   * Pending means "I arranged for cx.waker() to be woken when I can make
//     progress"; the poller need not poll again before that wake (but may:
//     spurious polls must be harmless).
//   * Ready is returned once. Polling again afterwards is a checked error:
//     every future of this runtime throws std::logic_error.
//
// is_future_v<F> / future_output_t<F> test and inspect an object type (strip
// references first); the C++20 concept Future says the same where concepts
// exist.
#pragma once

#include <type_traits>
#include <utility>

#include "context.hpp"
#include "poll.hpp"

namespace stackless {

template <class F, class = void>
struct is_future : std::false_type {};

template <class F>
struct is_future<F, std::void_t<typename F::Output, decltype(std::declval<F&>().poll(std::declval<Context&>()))>>
    : std::is_same<decltype(std::declval<F&>().poll(std::declval<Context&>())), Poll<typename F::Output>> {};

/// True when F has `using Output = T;` and `Poll<T> poll(Context&)`.
template <class F>
inline constexpr bool is_future_v = is_future<F>::value;

/// The output type T of a future F.
template <class F>
using future_output_t = typename F::Output;

#if defined(__cpp_concepts) && __cpp_concepts >= 201907L
template <class F>
concept Future = is_future_v<F>;
#endif

}  // namespace stackless
