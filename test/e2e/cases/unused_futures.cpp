// SPEC 2.1: calling an async function runs none of its body. A future made
// and never polled is as quiet under -Wall -Wextra -Werror as the Async<T>
// it stands for, and it is dropped without running anything (the
// synchronous oracle would run the bodies: hence the expected output).
#include "trace.hpp"
using namespace stackless;

Async<int> three() {
    std::printf("three ran\n");
    await(YieldOnce<int>(3));
    return 3;
}

Generator<int> counting() {
    std::printf("counting ran\n");
    yield(1);
}

int main() {
    auto f = three();
    auto g = counting();
    auto h = []() -> Async<int> { std::printf("lambda ran\n"); return 4; }();
    std::printf("made three futures, ran none\n");
}
