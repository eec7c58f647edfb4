// Async functions awaiting each other: the child future is stored inline in
// the parent's state; emitted in dependency order whatever the source order;
// forward declarations in the same file.
#include "trace.hpp"
using namespace stackless;

Async<int> level1();  // forward declaration, defined below its caller

Async<int> level2() { return await(level1()) + 1; }

Async<int> level1() { return await(YieldOnce<int>(1)) + 1; }

Async<int> chain3() { return await(level2()); }

Async<int> named_child() {
    auto child = level1();     // a named future, polled in place
    int a = await(child);
    auto other = level2();
    int b = await(std::move(other));
    return a * 10 + b;
}

int main() {
    std::printf("%d\n", block_on(chain3()));
    std::printf("%d\n", block_on(named_child()));
}
