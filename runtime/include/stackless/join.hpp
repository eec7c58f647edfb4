// stackless/join.hpp — join(f...): wait for several futures, concurrently.
//
// join(f1, f2, ...) is a future of std::tuple<T1, T2, ...> holding every
// output, in argument order (a void output becomes std::monostate). Each poll
// polls every sub-future that has not finished yet; a finished one is
// destroyed at once and its output kept (futures-rs's MaybeDone), so it is
// never polled again. The join is Ready when all are.
//
//     auto [a, b] = block_on(join(ready(1), ready(std::string("x"))));
//
// Invariants: the sub-futures are moved (or copied) into the Join, which
// polls them in place. Polling after Ready throws std::logic_error.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "config.hpp"
#include "future.hpp"

namespace stackless {

namespace detail {

/// A void output becomes std::monostate, so it can sit in a tuple or variant.
template <class T>
using output_or_monostate_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

/// A sub-future of a join: running, or finished with its output.
template <class F>
class MaybeDone {
 public:
  using Output = output_or_monostate_t<future_output_t<F>>;

  template <class G>
  explicit MaybeDone(G&& future) : state_(std::in_place_index<0>, std::forward<G>(future)) {}

  /// Polls the future if it is still running; true once it has finished.
  bool poll(Context& cx) {
    if (state_.index() == 1) return true;
    auto result = std::get<0>(state_).poll(cx);
    if (result.is_pending()) return false;
    if constexpr (std::is_void_v<future_output_t<F>>) {
      state_.template emplace<1>();
    } else {
      state_.template emplace<1>(std::move(result).value());  // destroys the future
    }
    return true;
  }

  Output take() { return std::move(std::get<1>(state_)); }

 private:
  std::variant<F, Output> state_;  // index 0: running, 1: done
};

}  // namespace detail

template <class... Fs>
class Join {
 public:
  using Output = std::tuple<typename detail::MaybeDone<Fs>::Output...>;

  /// Made by join(); std::in_place keeps this from posing as a copy constructor.
  template <class... Gs>
  explicit Join(std::in_place_t, Gs&&... futures) : parts_(std::forward<Gs>(futures)...) {}

  Poll<Output> poll(Context& cx) {
    if (done_) detail::misuse("stackless: join() future polled after completion");
    const bool all_done = std::apply(
        [&cx](auto&... part) {
          bool all = true;
          ((all = part.poll(cx) && all), ...);  // polls every part, finished or not
          return all;
        },
        parts_);
    if (!all_done) return Poll<Output>::pending();
    done_ = true;
    return Poll<Output>::ready(std::apply([](auto&... part) { return Output(part.take()...); }, parts_));
  }

 private:
  std::tuple<detail::MaybeDone<Fs>...> parts_;
  bool done_ = false;
};

/// A future of the tuple of all the futures' outputs.
template <class... Fs>
Join<std::decay_t<Fs>...> join(Fs&&... futures) {
  static_assert((is_future_v<std::decay_t<Fs>> && ...), "stackless::join() takes futures");
  return Join<std::decay_t<Fs>...>(std::in_place, std::forward<Fs>(futures)...);
}

}  // namespace stackless
