// A variable declared with its type in one declaration, kept across a
// suspension: named, located, rejected (the message used to speak of
// several variables).
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

Async<int> typed_together() {
    struct P { int a, b; } p{4, 5};
// CHECK: typed_together.cpp:[[@LINE-1]]:5: error: a variable declared together with its type (`struct P {...} p;`), kept across a suspension, is not supported yet; declare the type first
    await(Leaf{});
    return p.a + p.b;
}
