// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<void> f() {
    yield(1);
// CHECK: yield_in_async.cpp:[[@LINE-1]]:5: error: yield in an async function
}
