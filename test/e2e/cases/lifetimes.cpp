// Locals with constructors and destructors: exact C++ order at scope exit,
// early return, break and continue.
#include "trace.hpp"
using namespace stackless;

Async<int> scopes(int n) {
    Tracer a(1);
    {
        Tracer b(2);
        await(Tick());
        Tracer c(3);
    }
    Tracer d(4);
    int got = await(YieldOnce<int>(n));
    if (got > 1) {
        Tracer e(5);
        await(Tick());
        return got;
    }
    Tracer f(6);
    return -got;
}

Async<void> loop_exits() {
    for (int i = 0; i < 4; ++i) {
        Tracer t(10 + i);
        await(Tick());
        if (i == 1) continue;
        Tracer u(20 + i);
        if (i == 2) break;
        await(Tick());
    }
    Tracer after(99);
}

Async<int> natural_inside(Tracer p) {
    await(Tick());
    {
        Tracer inner(7);
        if (p.id == 8) return 1;
    }
    return 2;
}

int main() {
    std::printf("scopes: %d\n", block_on(scopes(2)));
    std::printf("scopes: %d\n", block_on(scopes(0)));
    block_on(loop_exits());
    int r = block_on(natural_inside(Tracer(8)));
    std::printf("natural_inside: %d\n", r);
}
