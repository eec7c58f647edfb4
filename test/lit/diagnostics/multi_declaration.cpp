// A declaration of several variables that a resume jump passes: scalars are
// split into declarations and assignments (test/e2e/cases/multi_declaration.cpp);
// anything else is named, located, and rejected.
// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> f(int n) {
    await(yield_now());
    int a = n, arr[2];
// CHECK: multi_declaration.cpp:[[@LINE-1]]:5: error: a declaration of several variables that a resume jump passes is not supported yet unless each is a scalar; declare one variable per statement
    arr[0] = a;
    n += arr[0];
    await(yield_now());
    return n;
}
