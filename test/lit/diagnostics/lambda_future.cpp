// A named future whose type holds a lambda (`auto pf = poll_fn([..] {..})`)
// is kept by the type spelled from its initializer, the lambda made by a
// function before the class; where that function cannot be written (its
// lambda captures an object of a local type), it is rejected, located, and nothing is written.
// RUN: rm -f %t.out
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

// Its lambda captures an object of a type declared in the function, which
// the function written before the class cannot name.
Async<int> local_type() {
    struct Pair { int a, b; };
    Pair p{3, 4};
    auto pf = poll_fn([&p](Context&) { return Poll<int>::ready(p.a * p.b); });
// CHECK: lambda_future.cpp:[[@LINE-1]]:10: error: a variable whose type holds a lambda (stackless::PollFn<(lambda at {{.*}})>), kept across await, is not supported here (its lambda cannot be made before the generated class (it captures `p`, whose type is declared in the function)); make it from a named function object or a std::function
    return await(pf);
}
