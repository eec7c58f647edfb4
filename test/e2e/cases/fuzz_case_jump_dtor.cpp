// Found by test/fuzz: a braced case body that holds an object with a
// destructor, awaits, and ends with a jump (break or return) is lowered
// with a dead destroy() after the jump at the end of the braces; g++ sees
// that statement fall through into the next case label
// (-Wimplicit-fallthrough, an error under -Werror).
#include "trace.hpp"
using namespace stackless;

Async<int> pick(int x) {
    int r = 0;
    switch (x) {
    case 0: {
        Tracer t(1);
        r += await(YieldOnce<int>(5));
        break;
    }
    case 1: {
        Tracer t(2);
        await(Tick());
        return r + t.id;
    }
    default:
        r = 7;
    }
    return r;
}

int main() {
    for (int x = 0; x < 3; ++x) std::printf("pick(%d) = %d\n", x, block_on(pick(x)));
}
