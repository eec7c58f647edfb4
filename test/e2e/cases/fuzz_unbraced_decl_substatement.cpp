// Found by test/fuzz: a declaration that is the unbraced body of an if,
// else, for or while (its own implicit block scope) is never destroyed when
// the function keeps its locals in slots (here because of the by-value
// Tracer parameter): "ctor 1" has no "dtor 1", and the loop constructs the
// same slot twice.
#include "trace.hpp"
using namespace stackless;

Async<int> unbraced(Tracer p, int n) {
    if (n > 0) Tracer t(1);
    for (int i = 0; i < 2; ++i) Tracer u(2);
    int k = 0;
    while (k++ < 2) Tracer w(3);
    if (n < 0) {
    } else Tracer e(4);
    await(Tick());
    return p.id;
}

int main() {
    int r = block_on(unbraced(Tracer(9), 1));
    std::printf("unbraced: %d\n", r);
}
