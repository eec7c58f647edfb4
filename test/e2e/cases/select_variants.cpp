// select() whose output variant holds a tuple (a timeout around a join):
// the runtime builds the variant in place in its Poll (g++ 12 warned, at
// -O1 with sanitizers and -Werror, that moving it read the inactive
// alternative uninitialized; the warning came from the runtime's headers).
// Checked against select_variants.expected: the oracle's select always
// lets its first future win.
#include <tuple>
#include <variant>

#include "trace.hpp"
using namespace stackless;

Async<int> timeout_around_join() {
    auto r = await(select(join(YieldOnce<int>(1), pending<int>()), Tick(2)));
    return static_cast<int>(r.index());
}

Async<int> join_wins() {
    auto r = await(select(join(YieldOnce<int>(4), YieldOnce<int>(5)), Tick(3)));
    auto [a, b] = std::get<0>(r);
    return a + b;
}

int main() {
    std::printf("%d\n", block_on(timeout_around_join()));
    std::printf("%d\n", block_on(join_wins()));
}
