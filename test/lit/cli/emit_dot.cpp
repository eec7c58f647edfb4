// --emit=dot: one Graphviz graph for the file (a viewer renders only the
// first of several), a cluster per function, nodes named per function.
// RUN: %stackless %s --emit=dot -o - -- -std=c++17 -I%runtime | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> one() { await(yield_now()); return 1; }
Async<int> two() { int a = await(one()); return a + 1; }

// CHECK:     digraph stackless {
// CHECK:       subgraph "cluster_0" {
// CHECK-NEXT:    label="one (emit_dot.cpp:7): one_future";
// CHECK:         f0s0 -> f0s1 [label="line 7: await(yield_now())"];
// CHECK:       subgraph "cluster_1" {
// CHECK-NEXT:    label="two (emit_dot.cpp:8): two_future";
// CHECK:         f1s0 -> f1s1 [label="line 8: await(one())"];
// CHECK-NOT: digraph
int main() { return block_on(two()) == 2 ? 0 : 1; }
