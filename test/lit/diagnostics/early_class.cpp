// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// A class needed complete before its function's definition (Placement.h)
// must be complete where it would be defined early.
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> late_local(int x);
int run() { return block_on(late_local(1)); }
// CHECK-DAG: early_class.cpp:[[@LINE-1]]:29: error: `late_local` is used here, before its definition, and its future's class cannot be defined earlier: it holds a `Late`, which is not complete before line 7; define `late_local` before this use

// A class holding the future of such a function would be moved early too.
Async<int> outer();
int run_outer() { return block_on(outer()); }
// CHECK-DAG: early_class.cpp:[[@LINE-1]]:35: error: `outer` is used here, before its definition, and its future's class cannot be defined earlier: it stores the future of `late_local`, whose class cannot be defined before line 12; define `outer` before this use

struct Late {
    int v;
};

Async<int> late_local(int x) {
    Late l{x};
    await(yield_now());
    return l.v;
}

Async<int> outer() { return await(late_local(2)); }
