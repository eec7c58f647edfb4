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

// A generator consumed in itself, or a stream awaited through next(), would
// hold itself too.
Generator<int> walk(int n) {
// CHECK-DAG: recursion.cpp:[[@LINE-1]]:16: error: recursive generator: walk -> walk would have infinite size; box the recursive call with stackless::boxed(...)
    if (n > 0)
        for (int v : walk(n - 1)) yield(v);
    yield(n);
}
Stream<int> countdown(int n) {
// CHECK-DAG: recursion.cpp:[[@LINE-1]]:13: error: recursive stream: countdown -> countdown would have infinite size; box the recursive call with stackless::boxed(...)
    yield(n);
    if (n > 0) {
        auto rest = countdown(n - 1);
        while (auto v = await(next(rest))) yield(*v);
    }
}

template <class T>
Async<T> down(T n) {
    if (n <= 0) return n;
    return await(down<T>(n - 1));
}
// CHECK-DAG: recursion.cpp:[[@LINE-4]]:10: error: recursive async function: down -> down would have infinite size; box the recursive call with stackless::boxed(...)
Async<int> use_down() { return await(down<int>(3)); }

// Boxed, they are fine: nothing is reported for these.
// CHECK-NOT: walk_boxed
// CHECK-NOT: countdown_boxed
Generator<int> walk_boxed(int n) {
    if (n > 0)
        for (int v : boxed(walk_boxed(n - 1))) yield(v);
    yield(n);
}
Stream<int> countdown_boxed(int n) {
    yield(n);
    if (n > 0) {
        Stream<int> rest = boxed(countdown_boxed(n - 1));
        while (auto v = await(next(rest))) yield(*v);
    }
}
