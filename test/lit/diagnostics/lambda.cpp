// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

Async<int> f() {
    auto g = [] { return await(Leaf{}); };
// CHECK: lambda.cpp:[[@LINE-1]]:26: error: await inside a lambda that is not async
    return g();
}
