// stackless/markers.hpp — the input markers of SPEC section 1.
//
// Users write ordinary C++ that Clang parses and type-checks as is:
//
//     Async<int> add_later(int a, int b) {
//         await(TimerFuture(std::chrono::milliseconds(10)));
//         return a + b;
//     }
//
// `await` and `yield` are declared here and never defined: the stackless tool
// recognises them by their declaration and rewrites every function that uses
// them. A program that calls them without being transpiled fails to link,
// which is the intended signal that a build step is missing
// (STACKLESS_MARKER_BODY, marker_args.hpp).
#pragma once

#include <type_traits>
#include <utility>

#include "future.hpp"
#include "marker_args.hpp"

namespace stackless {

/// Suspends the enclosing async function until `f` is Ready; the value of the
/// expression is the future's output. Recognised by the tool; never defined.
template <class F>
future_output_t<std::remove_cv_t<std::remove_reference_t<F>>> await(F&& f) STACKLESS_MARKER_BODY

/// Suspends the enclosing generator (or stream), handing `v` to the consumer.
/// Recognised by the tool; never defined.
template <class Y>
void yield(Y&& v) STACKLESS_MARKER_BODY

}  // namespace stackless
