// bench/corpus/cxx20/corpus.cpp — the corpus of bench-corpus.md as C++20
// coroutines, with a minimal lazy task, for g++ 12 and clang++ 19.
//
// The task (Task<T>): lazy (initial_suspend = suspend_always), awaiting a
// child task transfers to it symmetrically and the child's final_suspend
// transfers back. A root task is a stackless future (Output, poll(Context&)),
// so the same drivers and the same executor run it: its poll resumes the
// coroutine chain where the last leaf suspended. Leaves are the same
// poll-style YieldOnce and Join2 (common/leaf.hpp), made awaitable without
// adding a byte: await_suspend polls them with the root's Context; if
// Pending, the root keeps {handle, how to re-poll}; the root's next poll
// re-polls the leaf and resumes the handle once it is Ready.
//
// The size of a call is what the promise types' operator new is asked for:
// the frames actually allocated (all of them: chain3 is three frames, unless
// the compiler elides a child's allocation into its parent's frame).
#include <coroutine>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <stackless/stackless.hpp>

#include "../common/harness.hpp"
#include "../common/leaf.hpp"
#include "../../rss.hpp"  // bench/rss.hpp, shared with the runtime benchmarks
#include "../common/workloads.hpp"

using stackless::Context;
using stackless::Poll;
using u64 = std::uint64_t;

namespace co {

/// Frame bytes and frames allocated through the promise types.
inline u64 g_frame_bytes = 0;
inline u64 g_frames = 0;

/// Where a suspended chain resumes: the coroutine to resume and how to
/// re-poll the leaf it waits for (true once Ready).
struct Suspended {
  std::coroutine_handle<> handle;
  bool (*repoll)(void* leaf, Context& cx) = nullptr;
  void* leaf = nullptr;
};

/// The poll in progress on this thread: its Context, and where a leaf
/// that returns Pending records itself.
struct Current {
  Context* cx = nullptr;
  Suspended* suspended = nullptr;
};
inline thread_local Current t_current;

/// Counted frame allocation, shared by every promise type.
struct CountedFrame {
  static void* operator new(std::size_t n) {
    g_frame_bytes += n;
    ++g_frames;
    return ::operator new(n);
  }
  static void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
};

/// A poll-style future F made awaitable: the awaiter is F itself (no extra
/// bytes in the frame). F keeps its output (YieldOnce: value; Join2: ra, rb),
/// read by output().
template <class F>
struct Awaitable : F {
  using F::F;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    if (this->poll(*t_current.cx).is_ready()) return false;
    *t_current.suspended = Suspended{h, &repoll, this};
    return true;
  }
  auto await_resume() { return output(static_cast<F&>(*this)); }
  static bool repoll(void* leaf, Context& cx) { return static_cast<Awaitable*>(leaf)->poll(cx).is_ready(); }

  static u64 output(bench::YieldOnce& f) { return f.value; }
  template <class A, class B>
  static std::pair<u64, u64> output(bench::Join2<A, B>& j) { return {j.ra, j.rb}; }
};
using YieldOnce = Awaitable<bench::YieldOnce>;

template <class T>
class Task {
 public:
  struct promise_type : CountedFrame {
    std::coroutine_handle<> continuation;
    T value{};

    Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto next = h.promise().continuation;
        return next ? next : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::terminate(); }
  };
  using Output = T;

  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})), suspended_(o.suspended_), started_(o.started_) {}
  Task& operator=(Task&&) = delete;
  ~Task() {
    if (h_) h_.destroy();
  }

  /// Awaited by another task: runs it, then resumes the awaiter.
  auto operator co_await() && noexcept {
    struct Awaiter {
      std::coroutine_handle<promise_type> child;
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept {
        child.promise().continuation = parent;
        return child;
      }
      T await_resume() { return std::move(child.promise().value); }
    };
    return Awaiter{h_};
  }

  /// As a root: a stackless future.
  Poll<T> poll(Context& cx) {
    const Current saved = t_current;
    t_current = Current{&cx, &suspended_};
    if (!started_) {
      started_ = true;
      h_.resume();
    } else if (suspended_.repoll(suspended_.leaf, cx)) {
      suspended_.handle.resume();
    }
    t_current = saved;
    if (h_.done()) return Poll<T>::ready(std::move(h_.promise().value));
    return Poll<T>::pending();
  }

 private:
  explicit Task(std::coroutine_handle<promise_type> h) noexcept : h_(h) {}
  std::coroutine_handle<promise_type> h_;
  Suspended suspended_;
  bool started_ = false;
};

/// A minimal generator (C++23's std::generator is not in g++ 12).
template <class Y>
class Generator {
 public:
  struct promise_type : CountedFrame {
    Y current{};
    Generator get_return_object() { return Generator(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(Y v) noexcept {
      current = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  struct Sentinel {};
  struct Iterator {
    std::coroutine_handle<promise_type> h;
    Y operator*() const { return h.promise().current; }
    Iterator& operator++() {
      h.resume();
      return *this;
    }
    bool operator!=(Sentinel) const { return !h.done(); }
  };

  Generator(Generator&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  ~Generator() {
    if (h_) h_.destroy();
  }
  Iterator begin() {
    h_.resume();
    return Iterator{h_};
  }
  Sentinel end() { return {}; }

 private:
  explicit Generator(std::coroutine_handle<promise_type> h) noexcept : h_(h) {}
  std::coroutine_handle<promise_type> h_;
};

}  // namespace co

using co::Generator;
using co::Task;
using co::YieldOnce;
using Join2 = co::Awaitable<bench::Join2<bench::YieldOnce, bench::YieldOnce>>;

// ---- the corpus --------------------------------------------------------------

Task<u64> ready_add(u64 a, u64 b) { co_return a + b; }

Task<u64> one_await(u64 x) {
  u64 y = co_await YieldOnce(x);
  co_return y + x;
}

Task<u64> two_sequential() {
  u64 a = co_await YieldOnce(1);
  u64 b = co_await YieldOnce(2);
  co_return a + b;
}

Task<u64> loop_sum(u64 n) {
  u64 s = 0;
  for (u64 i = 0; i < n; ++i) s += co_await YieldOnce(i);
  co_return s;
}

Task<u64> big_local_dead() {
  std::uint8_t buf[1024];
  std::memset(buf, 1, sizeof buf);
  bench::escape(buf);
  u64 s = 0;
  for (std::uint8_t b : buf) s += b;
  co_return co_await YieldOnce(s);
}

Task<u64> big_local_live() {
  std::uint8_t buf[1024];
  std::memset(buf, 1, sizeof buf);
  bench::escape(buf);
  co_await YieldOnce(0);
  u64 s = 0;
  for (std::uint8_t b : buf) s += b;
  co_return s;
}

Task<u64> disjoint_branches(bool f) {
  if (f) {
    std::uint8_t a[512];
    std::memset(a, 1, sizeof a);
    bench::escape(a);
    co_await YieldOnce(1);
    u64 s = 0;
    for (std::uint8_t x : a) s += x;
    co_return s;
  } else {
    std::uint8_t b[512];
    std::memset(b, 1, sizeof b);
    bench::escape(b);
    co_await YieldOnce(2);
    u64 s = 0;
    for (std::uint8_t x : b) s += x;
    co_return s;
  }
}

Task<u64> level1() { co_return co_await YieldOnce(1) + 1; }
Task<u64> level2() { co_return co_await level1() + 1; }
Task<u64> chain3() { co_return co_await level2(); }

Task<std::size_t> string_across(std::string s) {
  co_await YieldOnce(0);
  co_return s.size();
}

Task<std::size_t> ref_across() {
  std::vector<u64> v{1, 2, 3};
  const std::vector<u64>* r = &v;
  co_await YieldOnce(0);
  co_return r->size();
}

Task<u64> join2() {
  std::pair<u64, u64> ab = co_await Join2(bench::YieldOnce(1), bench::YieldOnce(2));
  co_return ab.first + ab.second;
}

Task<u64> sequential_big_then_small() {
  u64 s1;
  u64 s2;
  {
    std::uint8_t x[256];
    std::memset(x, 1, sizeof x);
    bench::escape(x);
    co_await YieldOnce(0);
    s1 = bench::sum_bytes(x, sizeof x);
  }
  {
    std::uint8_t y[64];
    std::memset(y, 1, sizeof y);
    bench::escape(y);
    co_await YieldOnce(0);
    s2 = bench::sum_bytes(y, sizeof y);
  }
  co_return s1 + s2;
}


Generator<int> sum_up_down(std::vector<int> xs) {
  int sum = 0;
  for (int x : xs) {
    sum += x;
    co_yield sum;
  }
  for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
    sum -= *it;
    co_yield sum;
  }
}

Task<u64> t2_task(u64 i) { co_return co_await YieldOnce(i); }

/// G1's size is measured through an opaque call: inlined, clang may elide
/// the frame's allocation altogether (HALO) and put it on the caller's stack,
/// where its size is not seen.
BENCH_NOINLINE Generator<int> make_sum_up_down(std::vector<int> xs) { return sum_up_down(std::move(xs)); }

// ---- measurements ---------------------------------------------------------------

namespace {

using bench::blackbox;

/// Frame bytes allocated and heap allocations of one call (build + drive).
template <class Make>
void measure(const char* id, u64 expected, Make make) {
  stackless::Waker waker = stackless::Waker::noop();
  Context cx(waker);
  const u64 bytes0 = co::g_frame_bytes;
  u64 got = 0;
  const u64 allocs = bench::count_allocs([&] {
    auto f = make();
    got = static_cast<u64>(bench::drive(f, cx));
  });
  if (got != expected) {
    std::fprintf(stderr, "%s: got %llu, expected %llu\n", id, (unsigned long long)got, (unsigned long long)expected);
    std::exit(1);
  }
  bench::report_size(id, co::g_frame_bytes - bytes0);
  bench::report_allocs(id, allocs);
}

void sizes() {
  measure("C1", 5, [] { return ready_add(blackbox<u64>(2), 3); });
  measure("C2", 8, [] { return one_await(blackbox<u64>(4)); });
  measure("C3", 3, [] { return two_sequential(); });
  measure("C4", 45, [] { return loop_sum(blackbox<u64>(10)); });
  measure("C5", 1024, [] { return big_local_dead(); });
  measure("C6", 1024, [] { return big_local_live(); });
  measure("C7", 512, [] { return disjoint_branches(blackbox(true)); });
  measure("C8", 3, [] { return chain3(); });
  {
    std::string s = "hello";
    measure("C9", 5, [&] { return string_across(std::move(s)); });
  }
  measure("C10", 3, [] { return ref_across(); });
  measure("C11", 3, [] { return join2(); });
  measure("C12", 320, [] { return sequential_big_then_small(); });
  {
    std::vector<int> xs{1, 2, 3};
    const u64 bytes0 = co::g_frame_bytes;
    u64 n = 0;
    const u64 allocs = bench::count_allocs([&] {
      auto make = blackbox(&make_sum_up_down);
      for (int s : make(std::move(xs))) n += static_cast<u64>(s);
    });
    if (n != 1 + 3 + 6 + 3 + 1 + 0) std::exit(1);
    bench::report_size("G1", co::g_frame_bytes - bytes0);
    bench::report_allocs("G1", allocs);
  }
}

void spawn_all() {
  auto [executor, spawner] = stackless::new_executor_and_spawner();
  for (u64 i = 0; i < bench::kT2Tasks; ++i) spawner.spawn(t2_task(i));
  { stackless::Spawner dropped = std::move(spawner); }
  executor.run();
}

void timings() {
  using namespace bench;
  // Peak RSS first, on a fresh heap (later runs reuse the memory of earlier ones).
  if (g_only == nullptr)
    std::printf("info T2.peak_rss_bytes_per_task %.1f\n",
                static_cast<double>(peak_rss_growth(spawn_all)) / static_cast<double>(kT2Tasks));
  report_time("T1.opaque", "ns/completion", [] { return t1_once<true>([] { return chain3(); }); });
  report_time("T1.inline", "ns/completion", [] { return t1_once<false>([] { return chain3(); }); });
  report_time("T3.opaque", "ns/await", [] { return t3_once<true>([](u64 n) { return loop_sum(n); }); });
  report_time("T3.inline", "ns/await", [] { return t3_once<false>([](u64 n) { return loop_sum(n); }); });
  report_time("T2", "tasks/s", [] {
    const auto t0 = Clock::now();
    spawn_all();
    return static_cast<double>(kT2Tasks) / seconds_since(t0);
  });
  if (g_only != nullptr && std::strncmp(g_only, "G1", 2) != 0) return;
  const std::vector<int> input = g1_input();
  const long long expected = g1_plain_loops(input);
  report_time("G1.yield", "ns/yield", [&] {
    return g1_once(input, expected, [](std::vector<int> xs) { return sum_up_down(std::move(xs)); },
                   [](auto& gen) {
                     long long acc = 0;
                     for (auto it = gen.begin(); it != gen.end(); ++it) acc += *it;
                     return acc;
                   });
  });
}

}  // namespace

int main(int argc, char** argv) {
  const bool only_sizes = bench::init_workloads(argc, argv);
  sizes();
  if (!only_sizes) timings();
}
