// spawn_many: 10,000 async blocks on the talk's executor.
//
// Each task is an async lambda called at once, the C++ spelling of Rust's
// `spawner.spawn(async move { ... })`; its future (captures included) is
// moved into the task, one allocation per task and none per await. Half the
// tasks yield to the others once, half sleep a millisecond on the shared
// timer queue; all of them count their completion.
#include <chrono>
#include <cstdio>
#include <utility>

#include <stackless/stackless.hpp>
using namespace stackless;

int main() {
    constexpr int kTasks = 10000;
    const auto start = std::chrono::steady_clock::now();
    int completed = 0;  // the executor runs every task on this thread

    auto [executor, spawner] = new_executor_and_spawner();
    for (int i = 0; i < kTasks; ++i) {
        spawner.spawn([i, &completed]() -> Async<void> {
            if (i % 2 == 0)
                await(yield_now());
            else
                await(sleep_for(std::chrono::milliseconds(1)));
            ++completed;
        }());
    }
    { Spawner dropped = std::move(spawner); }  // the talk's drop(spawner)
    executor.run();

    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("%d of %d tasks completed in %.1f ms\n", completed, kTasks, ms);
    return completed == kTasks ? 0 : 1;
}
