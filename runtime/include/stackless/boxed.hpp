// stackless/boxed.hpp — boxed(x): a future, generator or stream behind one heap allocation.
//
//     Async<int> a = boxed(fib(n - 1));           // a future of int (SPEC 2.10)
//     for (int v : boxed(walk(node->left))) ...   // a Generator<int>
//     Stream<int> s = boxed(ticks(3));            // a Stream<int>
//
// x is moved (or, for a future, copied) into the allocation; the result has
// one size whatever it holds, which is what breaks the infinite size of a
// recursive async function, generator or stream: the tool does not count a
// call inside boxed(...) as part of the caller's state.
#pragma once

#include <type_traits>
#include <utility>

#include "async.hpp"
#include "future.hpp"
#include "generator.hpp"
#include "stream.hpp"

namespace stackless {

// Three overloads rather than one `auto boxed(X&&)` with `if constexpr`:
// the spelled return types are what the tool prints for the type of a
// boxed(...) call kept in a generated class (`stackless::Async<int>`).

/// A future of T (moved or copied in): an Async<T>.
template <class F, std::enable_if_t<is_future_v<detail::remove_cvref_t<F>>, int> = 0>
Async<future_output_t<detail::remove_cvref_t<F>>> boxed(F&& future) {
  return Async<future_output_t<detail::remove_cvref_t<F>>>(std::forward<F>(future));
}

/// A generator of Y and R (moved in): a Generator<Y, R>.
template <class G, std::enable_if_t<detail::is_generator<std::remove_reference_t<G>>::value &&
                                        !std::is_lvalue_reference_v<G>,
                                    int> = 0>
Generator<typename G::Yield, typename G::Return> boxed(G&& generator) {
  return Generator<typename G::Yield, typename G::Return>(std::move(generator));
}

/// A stream of T (moved in): a Stream<T>.
template <class S, std::enable_if_t<detail::is_stream<std::remove_reference_t<S>>::value &&
                                        !std::is_lvalue_reference_v<S>,
                                    int> = 0>
Stream<typename S::Item> boxed(S&& stream) {
  return Stream<typename S::Item>(std::move(stream));
}

}  // namespace stackless
