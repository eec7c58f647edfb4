// C arrays of objects with destructors kept across suspension points: made
// in a slot by an array new-expression, destroyed element by element, last
// first (stackless::detail::destroy_object: C++17's std::destroy_at takes
// no arrays), also when the future is dropped while suspended. (A
// multidimensional one is rejected: g++ 12 cannot make it in place.)
#include "trace.hpp"
using namespace stackless;

Async<int> sum_ids() {
    Tracer ts[3] = {Tracer(1), Tracer(2), Tracer(3)};
    int s = 0;
    for (const Tracer& t : ts) s += t.id + await(YieldOnce<int>(0));
    Tracer more[2] = {Tracer(4), Tracer(5)};
    await(Tick(1));
    return s + more[1].id;
}

int main() {
    std::printf("%d\n", block_on(sum_ids()));
    {
        auto f = sum_ids();
        stackless::Waker w = stackless::Waker::noop();
        stackless::Context cx(w);
        (void)f.poll(cx); // suspended in the loop, the three alive
        std::printf("dropped\n");
    }
}
