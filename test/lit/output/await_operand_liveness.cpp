// What the awaited future is made from: a value read while making it is
// not needed once the await suspends, a variable bound to a reference is.
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf {
    using Output = int;
    int value;
    Poll<int> poll(Context&) { return Poll<int>::ready(value); }
};

Async<int> bump(int& n) {
    await(Leaf{0});
    n += 1;
    return n;
}

// `s` is copied into the leaf: not kept across the await.
Async<int> by_value() {
    int s = 41;
    s += 1;
    return await(Leaf{s});
}
// CHECK: class {{\[\[maybe_unused\]\]}} by_value_future {
// CHECK:   Suspend0_Leaf_L{{[0-9]+}}, // line {{[0-9]+}}: await(Leaf{s}); holds awaited

// `n` is bound to bump's reference parameter: kept, although this
// function does not read it after the await.
Async<int> by_reference() {
    int n = 41;
    return await(bump(n));
}
// CHECK: class {{\[\[maybe_unused\]\]}} by_reference_future {
// CHECK:   Suspend0_bump_L{{[0-9]+}}, // line {{[0-9]+}}: await(bump(n)); holds n, awaited
