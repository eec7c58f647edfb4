// A loop that suspends in its body is rotated (its test repeated at the
// bottom, as compilers rotate loops): resumed loops otherwise keep the test
// at the top and a jump back to it (T3 in docs/performance.md). Not when the
// condition cannot be written twice or suspends itself.
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <cstdint>
#include <vector>
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf {
    using Output = int;
    Poll<int> poll(Context& cx);
};
int next(int);

// CHECK-LABEL: class {{\[\[maybe_unused\]\]}} counted_future {
// CHECK: // (rotated: the loop's test is also at its bottom)
// CHECK-NEXT: if (i < n) do {
// CHECK: } while ((void)++i, i < n);
// CHECK: // (rotated: the loop's test is also at its bottom)
// CHECK-NEXT: if (k < n) do {
// CHECK: } while ((void)(k += 2), k < n);
// CHECK: // (rotated: the loop's test is also at its bottom)
// CHECK-NEXT: if (s < 100) do {
// CHECK: } while (s < 100);
Async<int> counted(int n) {
    int s = 0;
    for (int i = 0; i < n; ++i) s += await(Leaf{});
    for (int k = 0; k < n; k += 2) s += await(Leaf{});
    while (s < 100) s += await(Leaf{});
    return s;
}

// CHECK-LABEL: class {{\[\[maybe_unused\]\]}} range_future {
// CHECK: // (rotated: the loop's test is also at its bottom)
// CHECK-NEXT: if ([[IT:iter[0-9]+]] != [[END:end[0-9]+]]) do {
// CHECK: } while ((void)++[[IT]], [[IT]] != [[END]]);
Async<int> range(std::vector<int> xs) {
    int s = 0;
    for (int x : xs) s += x + await(Leaf{});
    return s;
}

// Not rotated: a condition variable, a lambda in the condition (two copies
// would be two closure types), an await in the condition.
// The condition variable is created at the top of each iteration; the
// lambda is left as written, its names renamed (s is kept in a slot).
// CHECK-LABEL: class {{\[\[maybe_unused\]\]}} kept_future {
// CHECK-NOT: rotated
// CHECK: while (true) {
// CHECK-NEXT: // int v = next(s)
// CHECK-NEXT: ::new (states_.suspend0.[[V:v[_0-9]*]].storage()) int(next([[S:s[_0-9]*]]));
// CHECK-NEXT: if (!static_cast<bool>([[V]]))
// CHECK-NEXT: break;
// CHECK-NOT: rotated
// CHECK: while ([&] { return [[S]] < 10; }())
// CHECK-NOT: rotated
// CHECK-LABEL: kept_future kept(
Async<int> kept() {
    int s = 0;
    while (int v = next(s)) s += v + await(Leaf{});
    while ([&] { return s < 10; }()) s += await(Leaf{});
    while (await(Leaf{}) < 5) ++s;
    return s;
}
