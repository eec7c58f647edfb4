// stackless/generator.hpp — Generator<Y, R>: a generator behind one heap allocation.
//
// In the input code a generator is a function declared to return
// Generator<Y, R = void> that uses `yield(v)` (SPEC section 1):
//
//     Generator<int> sums(std::vector<int> xs) { int s = 0; for (int x : xs) yield(s += x); }
//
// The stackless tool replaces that return type with the generator's own
// state machine (a class with `GeneratorState<Y, R> resume()`), so calling
// `sums(...)` allocates nothing. Generator<Y, R> itself is the type-erased
// owner of any such generator, as Async<T> is of any future: the lowered
// generator is moved, once, into a single heap allocation (a small object
// with a virtual resume). It is what a user gets who names the type:
//
//     Generator<int> g = sums({1, 2, 3});        // one allocation
//     int total(Generator<int> g) { int t = 0; for (int x : g) t += x; return t; }
//
// and what virtual generators, generators declared in a file the tool does
// not rewrite, and recursive generators (through `boxed(...)`) return.
//
// Invariants: move-only; the generator it owns is constructed once (moved
// in) and destroyed once, with the Generator; moving the Generator never
// moves the generator, so it may be moved even after being resumed.
// Resuming a moved-from Generator throws std::logic_error; resuming after
// completion is the owned generator's checked error.
//
// In the input code, `return value;` in a generator with a non-void R must
// type-check, so Generator<Y, R> also has converting constructors from R's
// initializers, declared and never defined (the tool rewrites every
// generator, so they are never called; an untranslated program fails to link).
#pragma once

#include <initializer_list>
#include <memory>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "generator_range.hpp"
#include "generator_state.hpp"
#include "marker_args.hpp"

namespace stackless {

namespace detail {

/// The type-erased interface: what Generator<Y, R> knows of its generator.
template <class Y, class R>
struct GeneratorBase {
  virtual ~GeneratorBase() = default;
  virtual GeneratorState<Y, R> resume() = 0;
};

/// The concrete generator, stored inline in the allocation.
template <class Y, class R, class G>
struct BoxedGenerator final : GeneratorBase<Y, R> {
  explicit BoxedGenerator(G&& g) : generator(std::move(g)) {}
  GeneratorState<Y, R> resume() override { return generator.resume(); }

  G generator;
};

/// Is G a generator of Y and R: `GeneratorState<Y, R> resume()`?
template <class G, class Y, class R, class = void>
struct is_generator_of : std::false_type {};
template <class G, class Y, class R>
struct is_generator_of<G, Y, R, std::void_t<decltype(std::declval<G&>().resume())>>
    : std::is_same<decltype(std::declval<G&>().resume()), GeneratorState<Y, R>> {};

/// Is G a generator: `using Yield`, `using Return` and their resume()?
template <class G, class = void>
struct is_generator : std::false_type {};
template <class G>
struct is_generator<G, std::void_t<typename G::Yield, typename G::Return>>
    : is_generator_of<G, typename G::Yield, typename G::Return> {};

}  // namespace detail

template <class Y, class R = void>
class Generator {
  template <class G>
  using Plain = std::remove_cv_t<std::remove_reference_t<G>>;
  /// A generator of Y and R other than a Generator (an rvalue: it is moved in).
  template <class G>
  static constexpr bool boxes_v = !std::is_same_v<Plain<G>, Generator> && !std::is_lvalue_reference_v<G> &&
                                  detail::is_generator_of<Plain<G>, Y, R>::value;

 public:
  using Yield = Y;
  using Return = R;

  /// Boxes a generator of Y and R (a lowered generator, moved in before its
  /// first resume).
  template <class G, std::enable_if_t<boxes_v<G>, int> = 0>
  Generator(G&& generator)  // NOLINT(google-explicit-constructor): a generator of Y is a Generator<Y>
      : generator_(std::make_unique<detail::BoxedGenerator<Y, R, Plain<G>>>(std::move(generator))) {}

  Generator(Generator&&) noexcept = default;
  Generator& operator=(Generator&&) noexcept = default;

  /// Runs the generator to its next yield (Yielded) or to its end (Complete).
  GeneratorState<Y, R> resume() {
    if (!generator_) detail::misuse("stackless: Generator resumed after being moved from");
    return generator_->resume();
  }

  /// A Generator<Y, void> is an input range: for (auto y : gen) ...
  /// (only then: a return value would be lost).
  template <class R2 = R, std::enable_if_t<std::is_void_v<R2>, int> = 0>
  GeneratorIterator<Generator> begin() {
    return GeneratorIterator<Generator>(*this);
  }
  template <class R2 = R, std::enable_if_t<std::is_void_v<R2>, int> = 0>
  auto end() {
    return GeneratorIterator<Generator>::end();
  }

  /// Input-code markers only (R non-void): `return value;`, `return {};`,
  /// `return {1, 2};`, `return {a, b};` type-check. Declared, never defined.
  template <class U, std::enable_if_t<!std::is_void_v<R> && !boxes_v<U> && std::is_convertible_v<U, R>, int> = 0>
  Generator(U&& value) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  template <class R2 = R, std::enable_if_t<!std::is_void_v<R2>, int> = 0>
  Generator() STACKLESS_MARKER_BODY
  Generator(detail::ValueArg<R> value) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  Generator(detail::ListArg<R> list) STACKLESS_MARKER_BODY    // NOLINT(google-explicit-constructor)
  template <class E, std::enable_if_t<std::is_constructible_v<R, std::initializer_list<E>>, int> = 0>
  Generator(std::initializer_list<E> list) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  template <class... A, std::enable_if_t<(sizeof...(A) > 1) && (std::is_constructible_v<R, A...> || std::is_aggregate_v<R>), int> = 0>
  Generator(A&&... args) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)

 private:
  std::unique_ptr<detail::GeneratorBase<Y, R>> generator_;  // null once moved from
};

}  // namespace stackless
