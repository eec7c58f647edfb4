// 100k concurrent sleeps: 100,000 tasks, each awaiting sleep_for(1..10 ms),
// on one executor and the one timer queue. Reports the peak RSS per task and
// the wall time of the whole run.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <random>

#include <stackless/stackless.hpp>

#include "rss.hpp"

using namespace stackless;

namespace {

constexpr int kTasks = 100'000;

/// `async { await(sleep_for(d)); }` as the tool lowers it: the Sleep is the
/// whole state.
struct SleepTask {
  using Output = void;
  Sleep sleep;
  Poll<void> poll(Context& cx) { return sleep.poll(cx); }
};

void run_sleeps() {
  std::mt19937 random(42);
  std::uniform_int_distribution<int> micros(1000, 10000);
  auto [executor, spawner] = new_executor_and_spawner();
  for (int i = 0; i < kTasks; ++i) spawner.spawn(SleepTask{sleep_for(std::chrono::microseconds(micros(random)))});
  { Spawner dropped = std::move(spawner); }
  executor.run();
}

void BM_100kConcurrentSleeps(benchmark::State& state) {
  detail::trim_chunk_cache();  // from scratch: see spawn_bench.cpp
  const std::size_t peak = bench::peak_rss_growth(run_sleeps);
  for (auto _ : state) run_sleeps();
  state.SetItemsProcessed(static_cast<std::int64_t>(kTasks) * state.iterations());
  state.counters["peak_rss_bytes_per_task"] = static_cast<double>(peak) / kTasks;
  state.counters["task_alloc_bytes"] = sizeof(detail::Task<SleepTask>);
}
BENCHMARK(BM_100kConcurrentSleeps)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
