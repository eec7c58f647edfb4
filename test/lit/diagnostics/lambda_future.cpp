// A named future whose type holds a lambda (`auto pf = poll_fn([..] {..})`)
// is kept by the type spelled from its initializer, the lambda made by a
// function before the class; where that function cannot be written (in
// an async lambda), it is rejected, located, and nothing is written.
// RUN: rm -f %t.out
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

// Inside an async lambda, no function can be written before its class.
auto source = [](int v) -> Async<int> {
    auto pf = poll_fn([v](Context&) { return Poll<int>::ready(v); });
// CHECK: lambda_future.cpp:[[@LINE-1]]:10: error: a variable whose type holds a lambda (stackless::PollFn<(lambda at {{.*}})>), kept across await, is not supported here (its lambda cannot be made before the generated class (not in an async lambda)); make it from a named function object or a std::function
    return await(pf);
};
