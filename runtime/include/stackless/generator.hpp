// stackless/generator.hpp — Generator<Y, R>: the return-type marker of generators.
//
// In the input code a generator is a function declared to return
// Generator<Y, R = void> that uses `yield(v)` (SPEC section 1):
//
//     Generator<int> sums(std::vector<int> xs) { int s = 0; for (int x : xs) yield(s += x); }
//
// The stackless tool replaces the return type with the generator's lowered
// state machine (whose resume() returns GeneratorState<Y, R>), so this class
// is only an annotation: it has no behaviour. For `return value;` to
// type-check in a generator with a non-void R, it has a converting
// constructor from values convertible to R, declared and never defined (the
// tool rewrites the function, so it is never called).
#pragma once

#include <initializer_list>
#include <type_traits>

#include "generator_state.hpp"

namespace stackless {

template <class Y, class R = void>
class Generator {
 public:
  using Yield = Y;
  using Return = R;

  /// Input-code marker: `for (auto y : gen())` type-checks (a lowered
  /// Generator<Y, void> is an input range). Declared, never defined.
  /// Only Generator<Y, void> is a range (a return value would be lost).
  template <class R2 = R, std::enable_if_t<std::is_void_v<R2>, int> = 0>
  std::remove_reference_t<Y>* begin();
  template <class R2 = R, std::enable_if_t<std::is_void_v<R2>, int> = 0>
  std::remove_reference_t<Y>* end();
  /// Input-code marker: what the lowered generator provides. Declared,
  /// never defined.
  GeneratorState<Y, R> resume();

  /// Input-code marker only (R non-void): declared, never defined.
  template <class U, std::enable_if_t<!std::is_void_v<R> && std::is_convertible_v<U, R>, int> = 0>
  Generator(U&& value);  // NOLINT(google-explicit-constructor)
  /// Input-code markers only (R non-void): `return {};`, `return {1, 2};`.
  template <class R2 = R, std::enable_if_t<!std::is_void_v<R2>, int> = 0>
  Generator();
  template <class E, std::enable_if_t<std::is_constructible_v<R, std::initializer_list<E>>, int> = 0>
  Generator(std::initializer_list<E> list);  // NOLINT(google-explicit-constructor)
  template <class... A, std::enable_if_t<(sizeof...(A) > 1) && std::is_constructible_v<R, A...>, int> = 0>
  Generator(A&&... args);  // NOLINT(google-explicit-constructor)
};

}  // namespace stackless
