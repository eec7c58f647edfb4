// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> odd(int n);
Async<int> even(int n) {
// CHECK-DAG: recursion.cpp:[[@LINE-1]]:12: error: recursive async function: even -> odd -> even
    if (n == 0) return 1;
    return await(odd(n - 1));
}
Async<int> odd(int n) {
// CHECK-DAG: recursion.cpp:[[@LINE-1]]:12: error: recursive async function: odd -> even -> odd would have infinite size; box the recursive call with stackless::boxed(...)
    int r = await(even(n - 1));
    return r;
}
