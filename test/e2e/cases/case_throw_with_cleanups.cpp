// Like fuzz_case_nested_jump_dtor, with `throw` as the jump that ends a
// braced case body: the thrown temporary has a destructor, so the throw sits
// inside cleanups in the AST (ExprWithCleanups). The lowering did not see
// through them, destroyed `y` again (dead code) after the throw, and g++
// saw that statement fall through into the next label
// (-Wimplicit-fallthrough, an error under -Werror).
#include <string>
#include "trace.hpp"
using namespace stackless;

struct Oops {
    std::string what;
};

Async<int> pick(int x) {
    int r = 0;
    try {
        switch (x) {
        case 2: {
            TracedFuture y(6, 3);
            r += await(y);
            throw Oops{std::string("case 2")};
        }
        default:
            r += 10;
        }
    } catch (const Oops& e) {
        std::printf("caught %s\n", e.what.c_str());
        r += 100;
    }
    return r;
}

int main() {
    for (int x = 1; x < 3; ++x) std::printf("pick(%d) = %d\n", x, block_on(pick(x)));
}
