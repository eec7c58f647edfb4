// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

int plain() {
    return await(Leaf{});
// CHECK: await_outside.cpp:[[@LINE-1]]:12: error: await outside an async function
}
