// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
// A move-only capture of an async lambda that is not called where it is
// written: each call copies the captures into its future. Called where it
// is written, the lambda moves them: nothing to report for that one.
#include <memory>
#include <stackless/stackless.hpp>
using namespace stackless;

int called_at_once() {
    return block_on([p = std::make_unique<int>(7)]() -> Async<int> { return *p; }());
}
// CHECK-NOT: lambda_capture.cpp:11:{{.*}} error:

void move_only_capture() {
    auto gen = [p = std::make_unique<int>(7)]() -> Generator<int> { yield(*p); };
    for (int v : gen()) (void)v;
}
// CHECK: lambda_capture.cpp:[[@LINE-3]]:16: error: `p` is captured by value but cannot be copied: an async lambda that is not called where it is written copies its captures into each future; capture it by reference, or call the lambda where it is written
