// bench/corpus/common/harness.hpp — what every C++ implementation of the
// corpus (bench-corpus.md) shares: an allocation counter (the global
// operator new is replaced), blackbox, the no-op waker's Context, a clock,
// and the line format the report reads.
//
// Include it from exactly one translation unit per program: it defines the
// replacement operator new/delete.
//
// Output lines (read by bench/corpus/report.py):
//   size   <id> <bytes>
//   allocs <id> <heap allocations during one call: build + drive to completion>
//   time   <workload> <unit> <v1> ... <vN>      one value per run
//   info   <key> <value>
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include <stackless/context.hpp>
#include <stackless/poll.hpp>
#include <stackless/waker.hpp>

namespace bench {

using u64 = std::uint64_t;

/// Heap allocations made through the global operator new so far.
inline u64 g_allocs = 0;

#if defined(__GNUC__)
#define BENCH_NOINLINE __attribute__((noinline))
#else
#define BENCH_NOINLINE
#endif

/// An opaque identity: the compiler must assume the value may be anything.
template <class T>
inline T blackbox(T x) {
  asm volatile("" : "+r"(x));
  return x;
}
/// The compiler must assume *p is read and written.
inline void escape(const void* p) { asm volatile("" : : "g"(p) : "memory"); }

/// The sum of n bytes (the corpus's sum(buf)).
inline u64 sum_bytes(const std::uint8_t* p, std::size_t n) {
  u64 s = 0;
  for (std::size_t i = 0; i < n; ++i) s += p[i];
  return s;
}

/// How many runs of each timing (min and median are reported).
inline int g_runs = 5;

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// When set (argv[3]), only this workload is timed (for instruction counts
/// under valgrind: bench/corpus/experiments/).
inline const char* g_only = nullptr;

/// Runs `once` (which returns a figure) g_runs times and prints the line.
template <class F>
void report_time(const char* workload, const char* unit, F&& once) {
  if (g_only != nullptr && std::strcmp(g_only, workload) != 0) return;
  std::printf("time %s %s", workload, unit);
  for (int r = 0; r < g_runs; ++r) std::printf(" %.4f", static_cast<double>(once()));
  std::printf("\n");
  std::fflush(stdout);
}

inline void report_size(const char* id, std::size_t bytes) { std::printf("size %s %zu\n", id, bytes); }
inline void report_allocs(const char* id, u64 n) { std::printf("allocs %s %llu\n", id, (unsigned long long)n); }

/// Polls f to completion with `cx`; returns its output.
template <class F>
auto drive(F& f, stackless::Context& cx) {
  for (;;) {
    auto p = f.poll(cx);
    if (p.is_ready()) return std::move(p.value());
  }
}

/// Heap allocations made by `call()`.
template <class F>
u64 count_allocs(F&& call) {
  const u64 before = g_allocs;
  call();
  return g_allocs - before;
}


}  // namespace bench

// ---- the replacement global allocation functions: counted --------------------
void* operator new(std::size_t n) {
  ++bench::g_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  ++bench::g_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++bench::g_allocs;
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
