// bench/corpus/common/leaf.hpp — the corpus's leaf future and the Join2
// combinator, written once against the stackless poll interface and used by
// every C++ implementation (stackless, C++20 coroutines, hand-written).
#pragma once

#include <cstdint>
#include <utility>

#include <stackless/context.hpp>
#include <stackless/poll.hpp>

namespace bench {

/// First poll wakes its own waker and returns Pending; the second returns
/// Ready(value). Layout: { u64 value; bool yielded } = 16 bytes.
struct YieldOnce {
  using Output = std::uint64_t;
  std::uint64_t value;
  bool yielded = false;

  explicit YieldOnce(std::uint64_t v) noexcept : value(v) {}

  stackless::Poll<std::uint64_t> poll(stackless::Context& cx) {
    if (yielded) return stackless::Poll<std::uint64_t>::ready(value);
    yielded = true;
    cx.waker().wake_by_ref();
    return stackless::Poll<std::uint64_t>::pending();
  }
};
static_assert(sizeof(YieldOnce) == 16, "the corpus leaf is 16 bytes");

/// join(a, b) for two futures of u64, written the same way in every
/// implementation (Rust: the same fields): both futures inline, their
/// outputs, and a done flag each. Polls every unfinished part on each poll.
template <class A, class B>
struct Join2 {
  using Output = std::pair<std::uint64_t, std::uint64_t>;
  A a;
  B b;
  std::uint64_t ra = 0;
  std::uint64_t rb = 0;
  bool a_done = false;
  bool b_done = false;

  Join2(A fa, B fb) noexcept : a(std::move(fa)), b(std::move(fb)) {}

  /// Polls the unfinished parts; true once both are done.
  bool poll_parts(stackless::Context& cx) {
    if (!a_done) {
      auto p = a.poll(cx);
      if (p.is_ready()) ra = p.value(), a_done = true;
    }
    if (!b_done) {
      auto p = b.poll(cx);
      if (p.is_ready()) rb = p.value(), b_done = true;
    }
    return a_done && b_done;
  }

  stackless::Poll<Output> poll(stackless::Context& cx) {
    if (!poll_parts(cx)) return stackless::Poll<Output>::pending();
    return stackless::Poll<Output>::ready(Output(ra, rb));
  }
};

}  // namespace bench
