// T2 of bench-corpus.md: spawn 1M tasks, each awaiting one YieldOnce, then
// run the executor to completion. Reports tasks per second, the time split
// between spawning and running, the peak RSS per task, and the executor's
// overhead per task: the size of a task's block minus the future in it (the
// ready queue's 8 bytes per queued task show in the peak RSS).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#include <stackless/stackless.hpp>

#include "rss.hpp"

using namespace stackless;

namespace {

/// The corpus's leaf future: first poll wakes itself and returns Pending,
/// second poll returns Ready(value). Spawned as is, it is the task's whole
/// future: `async { YieldOnce(v).await }` lowers to nothing more.
struct YieldOnce {
  using Output = std::uint64_t;
  std::uint64_t value;
  bool yielded = false;

  Poll<std::uint64_t> poll(Context& cx) {
    if (yielded) return Poll<std::uint64_t>::ready(value);
    yielded = true;
    cx.waker().wake_by_ref();
    return Poll<std::uint64_t>::pending();
  }
};

constexpr std::uint64_t kTasks = 1'000'000;

struct Split {
  double spawn_seconds = 0;
  double run_seconds = 0;
};

Split spawn_and_run() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto [executor, spawner] = new_executor_and_spawner();
  for (std::uint64_t i = 0; i < kTasks; ++i) spawner.spawn(YieldOnce{i});
  { Spawner dropped = std::move(spawner); }
  const auto spawned = Clock::now();
  executor.run();
  const auto done = Clock::now();
  return {std::chrono::duration<double>(spawned - start).count(), std::chrono::duration<double>(done - spawned).count()};
}

void BM_T2_SpawnYieldOnce(benchmark::State& state) {
  // From scratch: without the chunks that earlier runs left to this thread
  // (task_pool.hpp), which the timed runs below do reuse.
  detail::trim_chunk_cache();
  const std::size_t peak = bench::peak_rss_growth([] { spawn_and_run(); });
  Split total;
  for (auto _ : state) {
    const Split split = spawn_and_run();
    total.spawn_seconds += split.spawn_seconds;
    total.run_seconds += split.run_seconds;
  }
  const double tasks = static_cast<double>(kTasks) * static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(tasks));
  state.counters["spawn_ns_per_task"] = total.spawn_seconds * 1e9 / tasks;
  state.counters["run_ns_per_task"] = total.run_seconds * 1e9 / tasks;
  state.counters["peak_rss_bytes_per_task"] = static_cast<double>(peak) / kTasks;
  state.counters["task_alloc_bytes"] = sizeof(detail::Task<YieldOnce>);
  state.counters["future_bytes"] = sizeof(YieldOnce);
  state.counters["overhead_bytes_per_task"] = sizeof(detail::Task<YieldOnce>) - sizeof(YieldOnce);
}
BENCHMARK(BM_T2_SpawnYieldOnce)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
