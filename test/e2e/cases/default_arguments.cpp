// Default arguments of async functions whose factory is declared before it
// is defined: one that boxes a call of itself (declared before its class),
// one moved after a function it awaits (declared where it was). The
// definition repeats no default argument (C++ forbids it).
#include "trace.hpp"
using namespace stackless;

Async<int> count(int n, int step = 1) {
    if (n <= 0) return 0;
    await(Tick(1));
    return step + await(boxed(count(n - step, step)));
}

Async<int> later(int x, int scale);
Async<int> first(int y = 2, int scale = 10) { return await(later(y, scale)) + 1; }
Async<int> later(int x, int scale) {
    await(Tick());
    return x * scale;
}

int main() {
    std::printf("%d\n", block_on(count(3)));
    std::printf("%d\n", block_on(count(6, 2)));
    std::printf("%d\n", block_on(first()));
    std::printf("%d\n", block_on(first(4)));
    std::printf("%d\n", block_on(first(4, 100)));
}
