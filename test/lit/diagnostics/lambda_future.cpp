// A named future whose type holds a lambda (`auto pf = poll_fn([..] {..})`)
// cannot be named by a state: rejected, located (its output did not compile).
// RUN: rm -f %t.out
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

// A named future whose type holds a lambda cannot be named by a state.
Async<int> lambda_future() {
    auto pf = poll_fn([](Context&) { return Poll<int>::ready(3); });
// CHECK: lambda_future.cpp:[[@LINE-1]]:10: error: a variable whose type holds a lambda (stackless::PollFn<(lambda at {{.*}})>), kept across await, is not supported yet; make it from a named function object or a std::function
    return await(pf);
}
