// stackless/stream.hpp — Stream<T>: an async generator behind one heap allocation.
//
// In the input code an async generator is a function declared to return
// Stream<T> that may both `await(f)` and `yield(v)` (SPEC section 1):
//
//     Stream<int> ticks(int n) { for (int i = 0; i < n; ++i) { await(sleep_for(1ms)); yield(i); } }
//
// The stackless tool replaces that return type with the stream's own state
// machine (a class with `Poll<std::optional<T>> poll_next(Context&)`), so
// calling `ticks(3)` allocates nothing. Stream<T> itself is the type-erased
// owner of any such stream, as Async<T> is of any future: the lowered stream
// is moved, once, into a single heap allocation. It is what a user gets who
// names the type (`Stream<int> s = ticks(3);`, a parameter of type
// Stream<int>), and what virtual streams, streams declared in a file the
// tool does not rewrite, and recursive streams (through `boxed(...)`)
// return.
//
// Invariants: move-only; the stream it owns is constructed once (moved in)
// and destroyed once, with the Stream; moving the Stream never moves the
// stream, so it may be moved even after being polled. Polling a moved-from
// Stream throws std::logic_error.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "context.hpp"
#include "poll.hpp"

namespace stackless {

namespace detail {

/// The type-erased interface: what Stream<T> knows of its stream.
template <class T>
struct StreamBase {
  virtual ~StreamBase() = default;
  virtual Poll<std::optional<T>> poll_next(Context& cx) = 0;
};

/// The concrete stream, stored inline in the allocation.
template <class T, class S>
struct BoxedStream final : StreamBase<T> {
  explicit BoxedStream(S&& s) : stream(std::move(s)) {}
  Poll<std::optional<T>> poll_next(Context& cx) override { return stream.poll_next(cx); }

  S stream;
};

/// Is S a stream of T: `Poll<std::optional<T>> poll_next(Context&)`?
template <class S, class T, class = void>
struct is_stream_of : std::false_type {};
template <class S, class T>
struct is_stream_of<S, T, std::void_t<decltype(std::declval<S&>().poll_next(std::declval<Context&>()))>>
    : std::is_same<decltype(std::declval<S&>().poll_next(std::declval<Context&>())), Poll<std::optional<T>>> {};

/// Is S a stream: `using Item` and its poll_next()?
template <class S, class = void>
struct is_stream : std::false_type {};
template <class S>
struct is_stream<S, std::void_t<typename S::Item>> : is_stream_of<S, typename S::Item> {};

}  // namespace detail

template <class T>
class Stream {
  template <class S>
  using Plain = std::remove_cv_t<std::remove_reference_t<S>>;

 public:
  using Item = T;

  /// Boxes a stream of T (a lowered stream, moved in before its first poll).
  template <class S, std::enable_if_t<!std::is_same_v<Plain<S>, Stream> && !std::is_lvalue_reference_v<S> &&
                                          detail::is_stream_of<Plain<S>, T>::value,
                                      int> = 0>
  Stream(S&& stream)  // NOLINT(google-explicit-constructor): a stream of T is a Stream<T>
      : stream_(std::make_unique<detail::BoxedStream<T, Plain<S>>>(std::move(stream))) {}

  Stream(Stream&&) noexcept = default;
  Stream& operator=(Stream&&) noexcept = default;

  /// The next item (Ready(item)), the end (Ready(nullopt)) or Pending.
  Poll<std::optional<T>> poll_next(Context& cx) {
    if (!stream_) detail::misuse("stackless: Stream polled after being moved from");
    return stream_->poll_next(cx);
  }

 private:
  std::unique_ptr<detail::StreamBase<T>> stream_;  // null once moved from
};

}  // namespace stackless
