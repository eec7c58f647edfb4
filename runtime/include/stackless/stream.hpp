// stackless/stream.hpp — Stream<T>: the return-type marker of async generators.
//
// In the input code an async generator is a function declared to return
// Stream<T> that may both `await(f)` and `yield(v)` (SPEC section 1):
//
//     Stream<int> ticks(int n) { for (int i = 0; i < n; ++i) { await(sleep_for(1ms)); yield(i); } }
//
// The stackless tool replaces the return type with the lowered state machine
// (whose poll_next(Context&) returns Poll<std::optional<T>>), so this class is
// only an annotation and has no behaviour.
#pragma once

#include <optional>

#include "context.hpp"
#include "poll.hpp"

namespace stackless {

template <class T>
class Stream {
 public:
  using Item = T;
  /// Input-code marker: what the lowered stream provides, so that
  /// `await(next(s))` type-checks. Declared, never defined.
  Poll<std::optional<T>> poll_next(Context& cx);
};

}  // namespace stackless
