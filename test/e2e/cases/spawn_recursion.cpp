// An async function that spawns a call of itself does not hold that future
// (spawn takes it at once): not recursion of its type, and no boxing is
// needed. Awaiting itself still is (the recursion diagnostic: lit recursion).
// (Compared with a .expected file: the oracle has no executor.)
#include <cstdio>
#include "trace.hpp"
using namespace stackless;

Async<void> walk(Spawner sp, int depth) {
    if (depth > 0) {
        sp.spawn(walk(sp, depth - 1));
        auto sibling = walk(sp, depth - 1);  // not kept across an await
        sp.spawn(std::move(sibling));
    }
    await(YieldOnce<int>(depth));
    std::printf("walk %d\n", depth);
}

int main() {
    auto [ex, sp] = new_executor_and_spawner();
    sp.spawn(walk(sp, 2));
    { Spawner gone = std::move(sp); }
    ex.run();
    return 0;
}
