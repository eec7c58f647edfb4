// Constructs not lowered yet are named, located, and rejected.
// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

Async<int> f(bool c) {
    int a = 0;
    try {
        a = 1;
    } catch (...) {
        a = await(Leaf{});
// CHECK: unsupported.cpp:[[@LINE-1]]:13: error: await inside a catch handler is not supported yet
    }
    if (c) goto done;
// CHECK: unsupported.cpp:[[@LINE-1]]:12: error: goto or a label in an async function is not supported yet
done:
    return a;
}
