// bench/corpus/stackless/corpus.cpp — the corpus of bench-corpus.md written
// as stackless input: async functions returning Async<T> and a generator,
// lowered by the tool (scripts/bench runs it), then compiled with g++ and
// clang++. Prints the sizes of the lowered futures, the heap allocations of
// one call, and the timings T1, T2, T3 and G1 (see common/harness.hpp).
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <stackless/stackless.hpp>

#include "../common/harness.hpp"
#include "../common/leaf.hpp"
#include "../../rss.hpp"  // bench/rss.hpp, shared with the runtime benchmarks
#include "../common/workloads.hpp"

using namespace stackless;
using bench::Join2;
using bench::YieldOnce;
using u64 = std::uint64_t;

// C1: no await.
Async<u64> ready_add(u64 a, u64 b) { return a + b; }

// C2
Async<u64> one_await(u64 x) {
    u64 y = await(YieldOnce(x));
    return y + x;
}

// C3
Async<u64> two_sequential() {
    u64 a = await(YieldOnce(1));
    u64 b = await(YieldOnce(2));
    return a + b;
}

// C4 (and T3)
Async<u64> loop_sum(u64 n) {
    u64 s = 0;
    for (u64 i = 0; i < n; ++i) s += await(YieldOnce(i));
    return s;
}

// C5: the buffer is dead at the await.
Async<u64> big_local_dead() {
    std::uint8_t buf[1024];
    std::memset(buf, 1, sizeof buf);
    bench::escape(buf);
    u64 s = 0;
    for (std::uint8_t b : buf) s += b;
    return await(YieldOnce(s));
}

// C6: the buffer is read after the await.
Async<u64> big_local_live() {
    std::uint8_t buf[1024];
    std::memset(buf, 1, sizeof buf);
    bench::escape(buf);
    await(YieldOnce(0));
    u64 s = 0;
    for (std::uint8_t b : buf) s += b;
    return s;
}

// C7: the two arms never live together.
Async<u64> disjoint_branches(bool f) {
    if (f) {
        std::uint8_t a[512];
        std::memset(a, 1, sizeof a);
        bench::escape(a);
        await(YieldOnce(1));
        u64 s = 0;
        for (std::uint8_t x : a) s += x;
        return s;
    } else {
        std::uint8_t b[512];
        std::memset(b, 1, sizeof b);
        bench::escape(b);
        await(YieldOnce(2));
        u64 s = 0;
        for (std::uint8_t x : b) s += x;
        return s;
    }
}

// C8 (and T1)
Async<u64> level1() { return await(YieldOnce(1)) + 1; }
Async<u64> level2() { return await(level1()) + 1; }
Async<u64> chain3() { return await(level2()); }

// C9
Async<std::size_t> string_across(std::string s) {
    await(YieldOnce(0));
    return s.size();
}

// C10
Async<std::size_t> ref_across() {
    std::vector<u64> v{1, 2, 3};
    const std::vector<u64>* r = &v;
    await(YieldOnce(0));
    return r->size();
}

// C11
Async<u64> join2() {
    std::pair<u64, u64> ab = await(Join2<YieldOnce, YieldOnce>(YieldOnce(1), YieldOnce(2)));
    return ab.first + ab.second;
}

// C12
Async<u64> sequential_big_then_small() {
    u64 s1;
    u64 s2;
    {
        std::uint8_t x[256];
        std::memset(x, 1, sizeof x);
        bench::escape(x);
        await(YieldOnce(0));
        s1 = bench::sum_bytes(x, sizeof x);
    }
    {
        std::uint8_t y[64];
        std::memset(y, 1, sizeof y);
        bench::escape(y);
        await(YieldOnce(0));
        s2 = bench::sum_bytes(y, sizeof y);
    }
    return s1 + s2;
}


// G1: the talk's generator.
Generator<int> sum_up_down(std::vector<int> xs) {
    int sum = 0;
    for (int x : xs) {
        sum += x;
        yield(sum);
    }
    for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
        sum -= *it;
        yield(sum);
    }
}

// T2: the spawned task.
Async<u64> t2_task(u64 i) { return await(YieldOnce(i)); }

#ifndef STACKLESS_TRANSPILING
namespace {

using bench::blackbox;

/// Size of the future and heap allocations of one call (build + drive).
template <class Make>
void measure(const char* id, u64 expected, Make make) {
    Waker waker = Waker::noop();
    Context cx(waker);
    bench::report_size(id, sizeof(decltype(make())));
    u64 got = 0;
    const u64 allocs = bench::count_allocs([&] {
        auto f = make();
        got = static_cast<u64>(bench::drive(f, cx));
    });
    if (got != expected) {
        std::fprintf(stderr, "%s: got %llu, expected %llu\n", id, (unsigned long long)got, (unsigned long long)expected);
        std::exit(1);
    }
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
        std::string s = "hello";  // built before the call: only the call is counted
        measure("C9", 5, [&] { return string_across(std::move(s)); });
    }
    measure("C10", 3, [] { return ref_across(); });
    measure("C11", 3, [] { return join2(); });
    measure("C12", 320, [] { return sequential_big_then_small(); });
    {
        std::vector<int> xs{1, 2, 3};
        bench::report_size("G1", sizeof(decltype(sum_up_down(std::vector<int>{}))));
        u64 n = 0;
        const u64 allocs = bench::count_allocs([&] {
            for (int s : sum_up_down(std::move(xs))) n += static_cast<u64>(s);
        });
        if (n != 1 + 3 + 6 + 3 + 1 + 0) std::exit(1);
        bench::report_allocs("G1", allocs);
    }
}

void spawn_all() {
    auto [executor, spawner] = new_executor_and_spawner();
    for (u64 i = 0; i < bench::kT2Tasks; ++i) spawner.spawn(t2_task(i));
    { Spawner dropped = std::move(spawner); }
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
                           for (int s : gen) acc += s;
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
#else
int main() {}
#endif
