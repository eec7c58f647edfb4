// bench/corpus/common/workloads.hpp — the timing loops of bench-corpus.md,
// shared by the C++ implementations so that each measures the same thing.
//
// The waker is Waker::noop() made opaque (escape()), so a leaf's
// wake_by_ref() stays a real indirect call, as under any executor.
#pragma once

#include <utility>

#include "harness.hpp"

namespace bench {

// The workload sizes of bench-corpus.md. init_workloads() divides them by
// BENCH_SCALE (environment) for instruction counts under valgrind.
inline u64 kT1Completions = 10'000'000;  // T1: chain3() driven to completion
inline u64 kT2Tasks = 1'000'000;         // T2: tasks spawned
inline u64 kT3Awaits = 10'000'000;       // T3: loop_sum(n)
inline u64 kG1Elements = 10'000'000;     // G1: sum up then down, 2 yields per element

/// Reads argv: [sizes|all] [runs] [only this workload]; and BENCH_SCALE.
inline bool init_workloads(int argc, char** argv) {
  if (argc > 2) g_runs = std::atoi(argv[2]);
  if (argc > 3) g_only = argv[3];
  if (const char* scale = std::getenv("BENCH_SCALE")) {
    const u64 k = std::strtoull(scale, nullptr, 10);
    if (k > 1) {
      kT1Completions /= k;
      kT2Tasks /= k;
      kT3Awaits /= k;
      kG1Elements /= k;
    }
  }
  return argc > 1 && std::strcmp(argv[1], "sizes") == 0;
}

/// The poll of F behind a function pointer the compiler cannot see through.
template <class F>
BENCH_NOINLINE stackless::Poll<typename F::Output> poll_opaque(F& f, stackless::Context& cx) {
  return f.poll(cx);
}
template <class F>
using PollFn = stackless::Poll<typename F::Output> (*)(F&, stackless::Context&);
template <class F>
PollFn<F> opaque_poll_fn() {
  return blackbox(&poll_opaque<F>);
}

/// Drives f to completion through `poll` (a function pointer).
template <class F>
auto drive_with(F& f, stackless::Context& cx, PollFn<F> poll) {
  for (;;) {
    auto p = poll(f, cx);
    if (p.is_ready()) return std::move(p.value());
  }
}

/// T1: ns per completion of make() (a chain3 future), polled directly
/// (Opaque = false: the compiler may inline everything) or through a
/// function pointer (Opaque = true).
template <bool Opaque, class Make>
double t1_once(Make make) {
  stackless::Waker waker = stackless::Waker::noop();
  escape(&waker);
  stackless::Context cx(waker);
  using F = decltype(make());
  PollFn<F> poll = opaque_poll_fn<F>();
  u64 acc = 0;
  const auto t0 = Clock::now();
  for (u64 i = 0; i < kT1Completions; ++i) {
    F f = make();
    if constexpr (Opaque) acc += drive_with(f, cx, poll);
    else acc += drive(f, cx);
  }
  const double ns = seconds_since(t0) * 1e9 / kT1Completions;
  if (acc != 3 * kT1Completions) std::abort();
  return ns;
}

/// T3: ns per await of make(n) (a loop_sum future).
template <bool Opaque, class Make>
double t3_once(Make make) {
  stackless::Waker waker = stackless::Waker::noop();
  escape(&waker);
  stackless::Context cx(waker);
  const u64 n = blackbox(kT3Awaits);
  using F = decltype(make(n));
  PollFn<F> poll = opaque_poll_fn<F>();
  const auto t0 = Clock::now();
  F f = make(n);
  u64 s = Opaque ? drive_with(f, cx, poll) : drive(f, cx);
  const double ns = seconds_since(t0) * 1e9 / kT3Awaits;
  if (s != kT3Awaits * (kT3Awaits - 1) / 2) std::abort();
  return ns;
}

/// The input of G1's timing: 10M small ints.
inline std::vector<int> g1_input() {
  std::vector<int> xs(kG1Elements);
  for (u64 i = 0; i < kG1Elements; ++i) xs[i] = static_cast<int>(i % 7) - 3;
  return xs;
}

/// What G1 yields, summed: the plain loops (also the "plain loop" floor).
BENCH_NOINLINE inline long long g1_plain_loops(const std::vector<int>& xs) {
  long long acc = 0;
  int sum = 0;
  for (int x : xs) {
    sum += x;
    acc += sum;
  }
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
    sum -= *it;
    acc += sum;
  }
  return acc;
}

/// ns per yield of a generator of running sums built by make(xs), consumed
/// by consume(gen) -> the sum of the yielded values (checked).
template <class Make, class Consume>
double g1_once(const std::vector<int>& input, long long expected, Make make, Consume consume) {
  std::vector<int> xs = input;  // the copy is not timed
  auto gen = make(std::move(xs));
  const auto t0 = Clock::now();
  long long acc = consume(gen);
  const double ns = seconds_since(t0) * 1e9 / (2.0 * kG1Elements);
  if (acc != expected) std::abort();
  return ns;
}

/// The plain loops timed the same way (the reference without any generator).
inline double g1_plain_once(const std::vector<int>& input, long long expected) {
  const std::vector<int>& xs = *blackbox(&input);
  const auto t0 = Clock::now();
  long long acc = g1_plain_loops(xs);
  const double ns = seconds_since(t0) * 1e9 / (2.0 * kG1Elements);
  if (acc != expected) std::abort();
  return ns;
}

}  // namespace bench
