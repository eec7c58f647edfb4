#pragma once
#include <stackless/stackless.hpp>
// Defined, with an await, in a header the tool does not rewrite.
inline stackless::Async<int> from_header(int v) {
  stackless::await(stackless::yield_now());
  return v + 1;
}
// Only declared: defined in a lowered file (keeps Async<T>).
stackless::Async<int> declared_only(int v);
