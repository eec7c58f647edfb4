// Constructs part 1 does not lower yet are named, located, and rejected.
// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

Async<int> f(bool c) {
    int a = c && await(Leaf{});
// CHECK: unsupported.cpp:[[@LINE-1]]:18: error: await on the right of &&, || or a comma is not supported yet
    int b = c ? await(Leaf{}) : 0;
// CHECK: unsupported.cpp:[[@LINE-1]]:17: error: await in a branch of ?: is not supported yet
    int d = await(Leaf{}) + await(Leaf{});
// CHECK: unsupported.cpp:[[@LINE-1]]:29: error: more than one await in one statement is not supported yet
    try {
        await(Leaf{});
    } catch (...) {
    }
// CHECK: unsupported.cpp:[[@LINE-4]]:5: error: await inside a try block is not supported yet
    return a + b + d;
}
