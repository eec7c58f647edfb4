// await as a statement, in an initializer, in return, across sequential awaits.
#include "trace.hpp"
using namespace stackless;

Async<int> one_await(int x) {
    int y = await(YieldOnce<int>(x));
    return y + x;
}

Async<int> two_sequential() {
    int a = await(YieldOnce<int>(1));
    await(Tick(2));
    int b = await(YieldOnce<int>(2));
    return a + b;
}

Async<void> say(int n) {
    std::printf("say %d\n", n);
    await(Tick());
    std::printf("said %d\n", n);
}

int main() {
    std::printf("%d\n", block_on(one_await(20)));
    std::printf("%d\n", block_on(two_sequential()));
    block_on(say(7));
}
