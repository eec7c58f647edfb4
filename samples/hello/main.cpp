// hello: the README example. Two async functions, one awaiting the other and
// a timer; run once with block_on and twice as tasks on the executor.
#include <chrono>
#include <cstdio>
#include <string>

#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> add_later(int a, int b) {
    await(TimerFuture(std::chrono::milliseconds(10)));
    return a + b;
}

Async<void> greet(std::string who, int times) {
    for (int i = 0; i < times; ++i) {
        int n = await(add_later(i, 1));
        std::printf("hello, %s (%d)\n", who.c_str(), n);
    }
}

int main() {
    std::printf("1 + 2 = %d\n", block_on(add_later(1, 2)));

    auto [executor, spawner] = new_executor_and_spawner();
    spawner.spawn(greet("world", 2));
    spawner.spawn(greet("stackless", 1));
    { auto dropped = std::move(spawner); }  // the talk's drop(spawner)
    executor.run();
}
