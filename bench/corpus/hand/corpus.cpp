// bench/corpus/hand/corpus.cpp — the floor: C4 (loop_sum), C8 (chain3) and
// G1 (sum_up_down), and also C2, C5 and C12 (whose floors the brief's caps
// name) and T2's task, written by hand as C++17 state machines, the way an
// expert would write them against the same poll interface (stackless's
// Poll/Context, the same YieldOnce): an enum of states, the objects of each
// state in a union, the state byte last so it packs into the tail padding of
// the struct, polling after completion a checked error (a cold call, as in
// the lowered code). Also the T2 task, a hand-written iterator for G1's
// timing, and the same timings as the other implementations.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include <stackless/stackless.hpp>

#include "../common/harness.hpp"
#include "../common/leaf.hpp"
#include "../../rss.hpp"  // bench/rss.hpp, shared with the runtime benchmarks
#include "../common/workloads.hpp"

using stackless::Context;
using stackless::Poll;
using bench::YieldOnce;
using u64 = std::uint64_t;

namespace hand {

[[noreturn]] BENCH_NOINLINE inline void polled_after_completion(const char* what) {
  std::fprintf(stderr, "%s polled after completion\n", what);
  std::abort();
}

// C4: s = 0; for i in 0..n { s += await YieldOnce(i) }; return s
// Unresumed holds n; the await holds n, s, i and the leaf.
class LoopSum {
 public:
  using Output = u64;
  explicit LoopSum(u64 n) noexcept : n_(n) {}

  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        s_ = 0;
        i_ = 0;
        if (i_ >= n_) break;
        ::new (&leaf_) YieldOnce(i_);
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting:
        for (;;) {
          auto p = leaf_.poll(cx);
          if (p.is_pending()) return Poll<u64>::pending();
          s_ += p.value();
          if (++i_ >= n_) break;
          ::new (&leaf_) YieldOnce(i_);
        }
        break;
      case State::Returned:
        polled_after_completion("loop_sum");
    }
    state_ = State::Returned;
    return Poll<u64>::ready(s_);
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  u64 n_;
  u64 s_ = 0;
  u64 i_ = 0;
  union {
    YieldOnce leaf_;
  };
  State state_ = State::Unresumed;
};

// C4 again, as an expert writes it under SPEC 2.6's contract, which LoopSum
// above does not keep: an exception escaping poll (here, from the leaf's
// poll) leaves the future Poisoned, and polling it again is a checked error.
// Two ways: Poisoned stored on entry and the state stored back when the leaf
// is pending (what the tool emits), or a handler around the leaf's poll that
// stores Poisoned and rethrows. Not the floor of the targets: the references
// that say what poisoning costs (docs/performance.md, T3 through a pointer).
template <bool ByHandler>
class LoopSumPoisoning {
 public:
  using Output = u64;
  explicit LoopSumPoisoning(u64 n) noexcept : n_(n) {}

  Poll<u64> poll(Context& cx) {
    const State at = state_;
    if (!ByHandler) state_ = State::Poisoned;
    switch (at) {
      case State::Unresumed:
        s_ = 0;
        i_ = 0;
        if (i_ >= n_) break;
        ::new (&leaf_) YieldOnce(i_);
        if (ByHandler) state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting:
        for (;;) {
          auto p = ByHandler ? poll_or_poison(cx) : leaf_.poll(cx);
          if (p.is_pending()) {
            if (!ByHandler) state_ = State::Awaiting;
            return Poll<u64>::pending();
          }
          s_ += p.value();
          if (++i_ >= n_) break;
          ::new (&leaf_) YieldOnce(i_);
        }
        break;
      case State::Returned:
      case State::Poisoned:
        polled_after_completion("loop_sum");
    }
    state_ = State::Returned;
    return Poll<u64>::ready(s_);
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned, Poisoned };

  Poll<u64> poll_or_poison(Context& cx) {
    try {
      return leaf_.poll(cx);
    } catch (...) {
      state_ = State::Poisoned;
      throw;
    }
  }

  u64 n_;
  u64 s_ = 0;
  u64 i_ = 0;
  union {
    YieldOnce leaf_;
  };
  State state_ = State::Unresumed;
};

// C8: level1 = await YieldOnce(1) + 1; level2 = await level1() + 1;
// chain3 = await level2(). Each awaits its child in place (the child lives
// in the parent's state), as any composition of separate futures must.
class Level1 {
 public:
  using Output = u64;
  Level1() noexcept {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        ::new (&leaf_) YieldOnce(1);
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting: {
        auto p = leaf_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return Poll<u64>::ready(p.value() + 1);
      }
      case State::Returned:
        break;
    }
    polled_after_completion("level1");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  union {
    YieldOnce leaf_;
  };
  State state_ = State::Unresumed;
};

class Level2 {
 public:
  using Output = u64;
  Level2() noexcept {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        ::new (&child_) Level1();
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting: {
        auto p = child_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return Poll<u64>::ready(p.value() + 1);
      }
      case State::Returned:
        break;
    }
    polled_after_completion("level2");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  union {
    Level1 child_;
  };
  State state_ = State::Unresumed;
};

class Chain3 {
 public:
  using Output = u64;
  Chain3() noexcept {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        ::new (&child_) Level2();
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting: {
        auto p = child_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return Poll<u64>::ready(p.value());
      }
      case State::Returned:
        break;
    }
    polled_after_completion("chain3");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  union {
    Level2 child_;
  };
  State state_ = State::Unresumed;
};

// C2: y = await YieldOnce(x); return y + x. x lives across the await.
class OneAwait {
 public:
  using Output = u64;
  explicit OneAwait(u64 x) noexcept : x_(x) {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        ::new (&leaf_) YieldOnce(x_);
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting: {
        auto p = leaf_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return Poll<u64>::ready(p.value() + x_);
      }
      case State::Returned:
        break;
    }
    polled_after_completion("one_await");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  u64 x_;
  union {
    YieldOnce leaf_;
  };
  State state_ = State::Unresumed;
};

// C5: buf = [1; 1024]; s = sum(buf); return await YieldOnce(s). Only the
// leaf (holding s) lives across the await.
class BigLocalDead {
 public:
  using Output = u64;
  BigLocalDead() noexcept {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed: {
        std::uint8_t buf[1024];
        std::memset(buf, 1, sizeof buf);
        bench::escape(buf);
        ::new (&leaf_) YieldOnce(bench::sum_bytes(buf, sizeof buf));
        state_ = State::Awaiting;
      }
        [[fallthrough]];
      case State::Awaiting: {
        auto p = leaf_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return p;
      }
      case State::Returned:
        break;
    }
    polled_after_completion("big_local_dead");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  union {
    YieldOnce leaf_;
  };
  State state_ = State::Unresumed;
};

// C12: { x = [1; 256]; await; s1 = sum(x) } { y = [1; 64]; await; s2 = sum(y) }
// return s1 + s2. The first await keeps x; the second s1 and y.
class SequentialBigThenSmall {
 public:
  using Output = u64;
  SequentialBigThenSmall() noexcept {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        std::memset(first_.x, 1, sizeof first_.x);
        bench::escape(first_.x);
        ::new (&first_.leaf) YieldOnce(0);
        state_ = State::First;
        [[fallthrough]];
      case State::First: {
        if (first_.leaf.poll(cx).is_pending()) return Poll<u64>::pending();
        const u64 s1 = bench::sum_bytes(first_.x, sizeof first_.x);
        second_.s1 = s1;  // first_ is dead from here: second_ takes its bytes
        std::memset(second_.y, 1, sizeof second_.y);
        bench::escape(second_.y);
        ::new (&second_.leaf) YieldOnce(0);
        state_ = State::Second;
      }
        [[fallthrough]];
      case State::Second: {
        if (second_.leaf.poll(cx).is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return Poll<u64>::ready(second_.s1 + bench::sum_bytes(second_.y, sizeof second_.y));
      }
      case State::Returned:
        break;
    }
    polled_after_completion("sequential_big_then_small");
  }

 private:
  enum class State : std::uint8_t { Unresumed, First, Second, Returned };
  struct First {
    std::uint8_t x[256];
    YieldOnce leaf;
  };
  struct Second {
    u64 s1;
    std::uint8_t y[64];
    YieldOnce leaf;
  };
  union {
    First first_;
    Second second_;
  };
  State state_ = State::Unresumed;
};

// T2's task: return await YieldOnce(i).
class T2Task {
 public:
  using Output = u64;
  explicit T2Task(u64 i) noexcept : i_(i) {}
  Poll<u64> poll(Context& cx) {
    switch (state_) {
      case State::Unresumed:
        ::new (&leaf_) YieldOnce(i_);
        state_ = State::Awaiting;
        [[fallthrough]];
      case State::Awaiting: {
        auto p = leaf_.poll(cx);
        if (p.is_pending()) return Poll<u64>::pending();
        state_ = State::Returned;
        return p;
      }
      case State::Returned:
        break;
    }
    polled_after_completion("t2_task");
  }

 private:
  enum class State : std::uint8_t { Unresumed, Awaiting, Returned };
  union {
    u64 i_;  // Unresumed
    YieldOnce leaf_;  // Awaiting
  };
  State state_ = State::Unresumed;
};

// G1: the talk's generator, statement for statement: the range-for keeps its
// begin and end iterators (C++ evaluates end() once), the reverse loop its
// iterator. xs and sum live across both yields; the iterators of the two
// loops share storage. resume() returns GeneratorState<int>, and the
// generator is an input range through the runtime's GeneratorIterator,
// exactly like the lowered one.
class SumUpDown {
 public:
  using Yield = int;
  explicit SumUpDown(std::vector<int> xs) noexcept : xs_(std::move(xs)) {}

  stackless::GeneratorState<int> resume() {
    switch (state_) {
      case State::Unresumed:
        sum_ = 0;
        up_.it = xs_.data();
        up_.end = xs_.data() + xs_.size();
        break;
      case State::Up:
        ++up_.it;
        break;
      case State::Down:
        goto down_next;
      case State::Returned:
        polled_after_completion("sum_up_down");
    }
    if (up_.it != up_.end) {
      sum_ += *up_.it;
      state_ = State::Up;
      return stackless::GeneratorState<int>::make_yielded(sum_);
    }
    down_ = xs_.rbegin();
    goto down_test;
  down_next:
    ++down_;
  down_test:
    if (down_ != xs_.rend()) {
      sum_ -= *down_;
      state_ = State::Down;
      return stackless::GeneratorState<int>::make_yielded(sum_);
    }
    state_ = State::Returned;
    return stackless::GeneratorState<int>::make_complete();
  }

  stackless::GeneratorIterator<SumUpDown> begin() { return stackless::GeneratorIterator<SumUpDown>(*this); }
  stackless::GeneratorSentinel end() { return {}; }

 private:
  enum class State : std::uint8_t { Unresumed, Up, Down, Returned };
  std::vector<int> xs_;
  struct Range {
    const int* it;
    const int* end;
  };
  union {
    Range up_;
    std::vector<int>::reverse_iterator down_;
  };
  int sum_ = 0;
  State state_ = State::Unresumed;
};

/// The hand-written iterator of issue 5: the running sums, up then down, as
/// a plain input iterator over the vector (no resume(), no GeneratorState).
class SumUpDownIterator {
 public:
  explicit SumUpDownIterator(std::vector<int> xs) noexcept : xs_(std::move(xs)) {}
  /// Advances to the next sum; false at the end.
  bool next(int& out) {
    const std::size_t n = xs_.size();
    if (k_ < n) {
      sum_ += xs_[k_++];
    } else if (k_ < 2 * n) {
      sum_ -= xs_[2 * n - 1 - k_++];
    } else {
      return false;
    }
    out = sum_;
    return true;
  }

 private:
  std::vector<int> xs_;
  std::size_t k_ = 0;
  int sum_ = 0;
};

}  // namespace hand

namespace {

using bench::blackbox;

template <class Make>
void measure(const char* id, u64 expected, Make make) {
  stackless::Waker waker = stackless::Waker::noop();
  Context cx(waker);
  bench::report_size(id, sizeof(decltype(make())));
  u64 got = 0;
  const u64 allocs = bench::count_allocs([&] {
    auto f = make();
    got = bench::drive(f, cx);
  });
  if (got != expected) {
    std::fprintf(stderr, "%s: got %llu, expected %llu\n", id, (unsigned long long)got, (unsigned long long)expected);
    std::exit(1);
  }
  bench::report_allocs(id, allocs);
}

void sizes() {
  measure("C2", 8, [] { return hand::OneAwait(blackbox<u64>(4)); });
  measure("C4", 45, [] { return hand::LoopSum(blackbox<u64>(10)); });
  measure("C5", 1024, [] { return hand::BigLocalDead(); });
  measure("C8", 3, [] { return hand::Chain3(); });
  measure("C12", 320, [] { return hand::SequentialBigThenSmall(); });
  std::vector<int> xs{1, 2, 3};
  bench::report_size("G1", sizeof(hand::SumUpDown));
  u64 n = 0;
  const u64 allocs = bench::count_allocs([&] {
    for (int s : hand::SumUpDown(std::move(xs))) n += static_cast<u64>(s);
  });
  if (n != 1 + 3 + 6 + 3 + 1 + 0) std::exit(1);
  bench::report_allocs("G1", allocs);
}

void spawn_all() {
  auto [executor, spawner] = stackless::new_executor_and_spawner();
  for (u64 i = 0; i < bench::kT2Tasks; ++i) spawner.spawn(hand::T2Task(i));
  { stackless::Spawner dropped = std::move(spawner); }
  executor.run();
}

void timings() {
  using namespace bench;
  // Peak RSS first, on a fresh heap (later runs reuse the memory of earlier ones).
  if (g_only == nullptr)
    std::printf("info T2.peak_rss_bytes_per_task %.1f\n",
                static_cast<double>(peak_rss_growth(spawn_all)) / static_cast<double>(kT2Tasks));
  report_time("T1.opaque", "ns/completion", [] { return t1_once<true>([] { return hand::Chain3(); }); });
  report_time("T1.inline", "ns/completion", [] { return t1_once<false>([] { return hand::Chain3(); }); });
  report_time("T3.opaque", "ns/await", [] { return t3_once<true>([](u64 n) { return hand::LoopSum(n); }); });
  report_time("T3.inline", "ns/await", [] { return t3_once<false>([](u64 n) { return hand::LoopSum(n); }); });
  // SPEC 2.6's poisoning written by hand, two ways (not the floor; see LoopSumPoisoning).
  report_time("T3.opaque.poison-store", "ns/await",
              [] { return t3_once<true>([](u64 n) { return hand::LoopSumPoisoning<false>(n); }); });
  report_time("T3.opaque.poison-handler", "ns/await",
              [] { return t3_once<true>([](u64 n) { return hand::LoopSumPoisoning<true>(n); }); });
  report_time("T2", "tasks/s", [] {
    const auto t0 = Clock::now();
    spawn_all();
    return static_cast<double>(kT2Tasks) / seconds_since(t0);
  });
  if (g_only != nullptr && std::strncmp(g_only, "G1", 2) != 0) return;
  const std::vector<int> input = g1_input();
  const long long expected = g1_plain_loops(input);
  // The hand-written state machine, consumed like the lowered generator.
  report_time("G1.yield", "ns/yield", [&] {
    return g1_once(input, expected, [](std::vector<int> xs) { return hand::SumUpDown(std::move(xs)); },
                   [](auto& gen) {
                     long long acc = 0;
                     for (int s : gen) acc += s;
                     return acc;
                   });
  });
  // The hand-written iterator of issue 5.
  report_time("G1.iter", "ns/yield", [&] {
    return g1_once(input, expected, [](std::vector<int> xs) { return hand::SumUpDownIterator(std::move(xs)); },
                   [](auto& it) {
                     long long acc = 0;
                     for (int s; it.next(s);) acc += s;
                     return acc;
                   });
  });
  report_time("G1.plain", "ns/yield", [&] { return g1_plain_once(input, expected); });
}

}  // namespace

int main(int argc, char** argv) {
  const bool only_sizes = bench::init_workloads(argc, argv);
  sizes();
  if (!only_sizes) timings();
}
