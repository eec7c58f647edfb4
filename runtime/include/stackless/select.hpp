// stackless/select.hpp — select(f1, f2): the first of two futures to finish.
//
// select(f1, f2) is a future of std::variant<T1, T2>: index 0 holds f1's
// output if f1 finished first, index 1 holds f2's otherwise (a void output
// becomes std::monostate; T1 and T2 may be the same type). Each poll polls
// f1, then f2; f1 wins a tie.
//
//     auto r = block_on(select(sleep_for(10ms), pending<int>()));   // r.index() == 0: timed out
//
// Invariants: both futures are held in std::optional and polled in place.
// As soon as one finishes, the other (the loser) is destroyed — before
// select returns Ready — and so is the winner; a Select that returned Ready
// holds nothing, and polling it again throws std::logic_error.
#pragma once

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "config.hpp"
#include "future.hpp"
#include "join.hpp"  // detail::output_or_monostate_t

namespace stackless {

template <class F1, class F2>
class Select {
 public:
  using Output = std::variant<detail::output_or_monostate_t<future_output_t<F1>>,
                              detail::output_or_monostate_t<future_output_t<F2>>>;

  /// Made by select(); std::in_place keeps this from posing as a copy constructor.
  template <class G1, class G2>
  Select(std::in_place_t, G1&& f1, G2&& f2) : first_(std::in_place, std::forward<G1>(f1)), second_(std::in_place, std::forward<G2>(f2)) {}

  Poll<Output> poll(Context& cx) {
    if (!first_) detail::misuse("stackless: select() future polled after completion");
    auto first = first_->poll(cx);
    if (first.is_ready()) return finish<0>(std::move(first));
    auto second = second_->poll(cx);
    if (second.is_ready()) return finish<1>(std::move(second));
    return Poll<Output>::pending();
  }

 private:
  /// Destroys both futures (the loser first) and returns the winner's output.
  template <std::size_t Winner, class P>
  Poll<Output> finish(P&& result) {
    if constexpr (Winner == 0) {
      second_.reset();
      first_.reset();
    } else {
      first_.reset();
      second_.reset();
    }
    if constexpr (std::is_same_v<std::decay_t<P>, Poll<void>>) {
      return Poll<Output>::ready_in_place(std::in_place_index<Winner>);
    } else {
      return Poll<Output>::ready_in_place(std::in_place_index<Winner>, std::move(result).value());
    }
  }

  std::optional<F1> first_;   // both empty once Ready
  std::optional<F2> second_;
};

/// A future of whichever of `f1`, `f2` finishes first.
template <class F1, class F2>
Select<std::decay_t<F1>, std::decay_t<F2>> select(F1&& f1, F2&& f2) {
  static_assert(is_future_v<std::decay_t<F1>> && is_future_v<std::decay_t<F2>>, "stackless::select() takes futures");
  return Select<std::decay_t<F1>, std::decay_t<F2>>(std::in_place, std::forward<F1>(f1), std::forward<F2>(f2));
}

}  // namespace stackless
