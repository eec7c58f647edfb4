// Found by test/fuzz (a variant of fuzz_case_jump_dtor): the jump that
// ends a braced case body sits at the end of a nested block. The lowering
// used to destroy `y` before the break and again (dead code) at the end of
// the case, and g++ saw that statement fall through into the next label
// (-Wimplicit-fallthrough, an error under -Werror). A block whose end is
// unreachable now gets no scope-end destruction.
#include "trace.hpp"
using namespace stackless;

Async<int> pick(int x) {
    int r = 0;
    switch (x) {
    case 2: {
        TracedFuture y(6, 3);
        r += await(y);
        {
            std::printf("in case 2\n");
            break;
        }
    }
    default:
        r += 10;
    }
    return r;
}

int main() {
    for (int x = 1; x < 3; ++x) std::printf("pick(%d) = %d\n", x, block_on(pick(x)));
}
