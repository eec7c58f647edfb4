// Found by test/fuzz: a parameter whose last use comes before the first
// await is stored in the Unresumed state's struct, which shares the union
// with the first suspension state's struct; a local of that state that is
// constructed before the parameter's last use overwrites it (the int
// version prints "p 40"; the reference version reads a clobbered pointer).
#include "trace.hpp"
using namespace stackless;

Async<int> int_param(int p) {
    int x = 40;
    std::printf("p %d\n", p);
    await(Tick());
    return x;
}

Async<int> ref_param(const Tracer& q) {
    Tracer t(1);
    std::printf("q.id %d\n", q.id);
    await(Tick());
    return t.id;
}

int main() {
    std::printf("int_param: %d\n", block_on(int_param(3)));
    Tracer m(7);
    std::printf("ref_param: %d\n", block_on(ref_param(m)));
}
