// stackless/async.hpp — Async<T>: a future of T behind one heap allocation.
//
// Async<T> owns any future whose Output is T, type-erased: the concrete
// future lives inline in a single heap allocation (a small object with a
// virtual poll), so Async<T> has one size whatever it holds. It is what
// `boxed(f)` returns (boxed.hpp), what recursive async functions await (SPEC 2.10) and
// what virtual or cross-TU async functions return (SPEC 2.11).
//
//     Async<int> a = boxed(some_future_of_int);
//     Async<int> b = std::move(a);        // moves the pointer; the future stays put
//
// Invariants: an Async is move-only; the future it owns is constructed once
// (moved in) and destroyed once, when the Async is destroyed; moving the
// Async never moves the future, so it may be moved even after being polled.
// Polling after Ready, or polling a moved-from Async, throws std::logic_error.
//
// Async<T> is also the return-type marker of async functions in the input
// code (SPEC section 1): `Async<int> f() { ...; return 42; }` must type-check,
// so Async<T> has converting constructors from what initializes a T,
// declared and never defined (marker_args.hpp). The stackless tool rewrites every such function, so it
// is never called; an untranslated program fails to link.
#pragma once

#include <initializer_list>
#include <memory>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "future.hpp"
#include "marker_args.hpp"

namespace stackless {

namespace detail {

/// The type-erased interface: what Async<T> knows of its future.
template <class T>
struct AsyncFutureBase {
  virtual ~AsyncFutureBase() = default;
  virtual Poll<T> poll(Context& cx) = 0;
};

/// The concrete future, stored inline in the allocation.
template <class T, class F>
struct AsyncFuture final : AsyncFutureBase<T> {
  template <class G>
  explicit AsyncFuture(G&& f) : future(std::forward<G>(f)) {}
  Poll<T> poll(Context& cx) override { return future.poll(cx); }

  F future;
};

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

}  // namespace detail

template <class T>
class Async {
 public:
  using Output = T;

  /// Boxes any future whose Output is T (moved or copied in).
  template <class F, std::enable_if_t<is_future_v<detail::remove_cvref_t<F>> &&
                                          !std::is_same_v<detail::remove_cvref_t<F>, Async> &&
                                          std::is_same_v<future_output_t<detail::remove_cvref_t<F>>, T>,
                                      int> = 0>
  Async(F&& future)  // NOLINT(google-explicit-constructor): a future of T is an Async<T>
      : future_(std::make_unique<detail::AsyncFuture<T, detail::remove_cvref_t<F>>>(std::forward<F>(future))) {}

  /// Input-code marker only: lets `return value;` type-check in an async
  /// function. Declared, never defined: the transpiler rewrites such
  /// functions, so this is never called.
  template <class U, std::enable_if_t<!is_future_v<detail::remove_cvref_t<U>> && std::is_convertible_v<U, T>, int> = 0>
  Async(U&& value) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  /// Input-code markers only: `return {};`, `return {1, 2, 3};` (a vector),
  /// `return {a, b};` (a pair, or an aggregate), `return {"a"};` (a vector
  /// of strings): a braced list initializes the T (marker_args.hpp).
  Async() STACKLESS_MARKER_BODY
  Async(detail::ValueArg<T> value) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  Async(detail::ListArg<T> list) STACKLESS_MARKER_BODY    // NOLINT(google-explicit-constructor)
  template <class E, std::enable_if_t<std::is_constructible_v<T, std::initializer_list<E>>, int> = 0>
  Async(std::initializer_list<E> list) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)
  template <class... A, std::enable_if_t<(sizeof...(A) > 1) && (std::is_constructible_v<T, A...> || std::is_aggregate_v<T>), int> = 0>
  Async(A&&... args) STACKLESS_MARKER_BODY  // NOLINT(google-explicit-constructor)

  Async(Async&&) noexcept = default;
  Async& operator=(Async&&) noexcept = default;

  Poll<T> poll(Context& cx) {
    if (!future_ || done_) detail::misuse("stackless: Async polled after completion (or after being moved from)");
    Poll<T> result = future_->poll(cx);
    done_ = result.is_ready();
    return result;
  }

 private:
  std::unique_ptr<detail::AsyncFutureBase<T>> future_;  // null once moved from
  bool done_ = false;                                    // returned Ready
};

}  // namespace stackless
