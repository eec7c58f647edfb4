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

// A JoinHandle of a spawned call of itself, kept across awaits: the state
// holds the handle, not the future.
Async<int> sum_tree(Spawner sp, int depth) {
    if (depth == 0) return await(YieldOnce<int>(1));
    auto left = sp.spawn(sum_tree(sp, depth - 1));
    auto right = sp.spawn(sum_tree(sp, depth - 1));
    int a = await(left);
    int b = await(right);
    return a + b + 1;
}

int main() {
    {
        auto [ex, sp] = new_executor_and_spawner();
        int total = -1;
        sp.spawn([&total](Spawner s) -> Async<void> { total = await(sum_tree(s, 3)); }(sp));
        { Spawner gone = std::move(sp); }
        ex.run();
        std::printf("sum_tree %d\n", total);
    }
    auto [ex, sp] = new_executor_and_spawner();
    sp.spawn(walk(sp, 2));
    { Spawner gone = std::move(sp); }
    ex.run();
    return 0;
}
