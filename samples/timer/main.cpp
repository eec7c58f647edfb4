// timer: the talk's example, an async block on its executor.
//
//     spawner.spawn(async {
//         println!("howdy!");
//         TimerFuture::new(Duration::new(2, 0)).await;   // a thread per timer
//         println!("done!");
//     });
//     drop(spawner);
//     executor.run();
//
// The async lambda below is that block; stackless lowers it into a state
// machine whose one suspended state holds the timer (see
// stackless_generated/sample_timer/main.cpp in the build tree).
//
// Usage: sample_timer [wait in milliseconds]   (default 2000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include <stackless/stackless.hpp>
using namespace stackless;

int main(int argc, char** argv) {
    const std::chrono::milliseconds wait(argc > 1 ? std::atol(argv[1]) : 2000);

    auto [executor, spawner] = new_executor_and_spawner();
    spawner.spawn([wait]() -> Async<void> {
        std::printf("howdy!\n");
        await(TimerFuture(wait));
        std::printf("done!\n");
    }());
    { Spawner dropped = std::move(spawner); }  // drop(spawner): no more tasks will come
    executor.run();
}
