// stackless/stream_next.hpp — consuming a Stream inside an async function.
//
//     Stream<int> ticks(int n);
//     Async<int> total() {
//         auto s = ticks(3);
//         int sum = 0;
//         while (auto item = await(next(s))) sum += *item;   // or: for_each
//         return sum;
//     }
//
// next(s) is a future of std::optional<Item>: the stream's next item, or
// std::nullopt at its end. for_each(s, f) is a future that calls f on every
// item until the stream ends. Both poll the stream where it lives. (Awaited
// in an async function, for_each's f is stored in the state: a function
// pointer, a named function object or a std::function, not a lambda, whose
// type the generated class could not name.)
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "context.hpp"
#include "poll.hpp"

namespace stackless {

template <class S>
class Next {
 public:
  using Output = std::optional<typename S::Item>;
  explicit Next(S& stream) : stream_(std::addressof(stream)) {}
  Poll<Output> poll(Context& cx) { return stream_->poll_next(cx); }

 private:
  S* stream_;
};

/// The next item of a stream (a future of std::optional<Item>).
template <class S>
Next<S> next(S& stream) {
  return Next<S>(stream);
}

template <class S, class F>
class ForEach {
 public:
  using Output = void;
  ForEach(S& stream, F f) : stream_(std::addressof(stream)), f_(std::move(f)) {}
  Poll<void> poll(Context& cx) {
    for (;;) {
      auto item = stream_->poll_next(cx);
      if (item.is_pending()) return Poll<void>::pending();
      if (!item.value()) return Poll<void>::ready();
      f_(std::move(*item.value()));
    }
  }

 private:
  S* stream_;
  F f_;
};

/// A future that calls f(item) for every item of the stream, until its end.
template <class S, class F>
ForEach<S, F> for_each(S& stream, F f) {
  return ForEach<S, F>(stream, std::move(f));
}

}  // namespace stackless
