// stackless/generator_state.hpp — GeneratorState<Y, R>: what resuming a generator gives.
//
// A generator is resumed until it completes. Each resume either produced a
// value (Yielded(Y)) or finished with the generator's return value
// (Complete(R); R = void for a generator that returns nothing), as Rust's
// std::ops::CoroutineState.
//
//     auto s = GeneratorState<int>::make_yielded(3);      s.is_yielded(); s.yielded() == 3
//     auto e = GeneratorState<int>::make_complete();      e.is_complete()
//     auto r = GeneratorState<int, long>::make_complete(7L);  r.returned() == 7
//
// Invariants: yielded() is only valid on a Yielded state and returned() on a
// Complete one (otherwise std::logic_error). Y and R may be the same type.
#pragma once

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "config.hpp"

namespace stackless {

template <class Y, class R = void>
class GeneratorState {
 public:
  static_assert(!std::is_reference_v<Y> && !std::is_reference_v<R>,
                "stackless: a generator yielding or returning a reference (Generator<const T&>) is "
                "not supported yet; yield a value, a pointer or std::reference_wrapper<T>");
  /// Yielded(value): the generator suspended, handing out `value`.
  static GeneratorState make_yielded(Y value) { return GeneratorState(std::in_place_index<0>, std::move(value)); }
  /// Complete(value): the generator returned `value`.
  static GeneratorState make_complete(R value) { return GeneratorState(std::in_place_index<1>, std::move(value)); }

  bool is_yielded() const noexcept { return state_.index() == 0; }
  bool is_complete() const noexcept { return state_.index() == 1; }

  Y& yielded() {
    if (!is_yielded()) detail::misuse("stackless: GeneratorState::yielded() on a Complete state");
    return std::get<0>(state_);
  }
  R& returned() {
    if (!is_complete()) detail::misuse("stackless: GeneratorState::returned() on a Yielded state");
    return std::get<1>(state_);
  }

 private:
  template <std::size_t I, class V>
  GeneratorState(std::in_place_index_t<I> which, V&& value) : state_(which, std::forward<V>(value)) {}

  std::variant<Y, R> state_;  // index 0: Yielded, 1: Complete
};

/// A generator that returns nothing: Complete carries no value.
template <class Y>
class GeneratorState<Y, void> {
 public:
  static_assert(!std::is_reference_v<Y>,
                "stackless: a generator yielding a reference (Generator<const T&>) is not supported "
                "yet; yield a value, a pointer or std::reference_wrapper<T>");
  static GeneratorState make_yielded(Y value) { return GeneratorState(std::move(value)); }
  static GeneratorState make_complete() { return GeneratorState(); }

  bool is_yielded() const noexcept { return yielded_.has_value(); }
  bool is_complete() const noexcept { return !yielded_.has_value(); }

  Y& yielded() {
    if (!is_yielded()) detail::misuse("stackless: GeneratorState::yielded() on a Complete state");
    return *yielded_;
  }

 private:
  GeneratorState() = default;
  explicit GeneratorState(Y&& value) : yielded_(std::move(value)) {}

  std::optional<Y> yielded_;  // empty: Complete
};

}  // namespace stackless
