// --emit=layout: per function, what each state holds at which offset, and
// the members outside the states (a member function's object pointer, the
// state tag), from the compiler's own record layout.
// RUN: %stackless %s --emit=layout -o - -- -std=c++17 -I%runtime | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Counter {
    int total = 0;
    Async<int> run(int n) {
        total += n;
        await(yield_now());
        return total;
    }
};
// CHECK:      run (emit_layout.cpp:10): class Counter_run_future
// CHECK-NEXT:   state                                offset   size  object
// CHECK-NEXT:   Unresumed                                 8      4  n
// CHECK-NEXT:   Suspend0_yield_now_L12                    8      4  (awaited future)
// CHECK-NEXT:   Returned                                            (nothing)
// CHECK-NEXT:   Poisoned                                            (nothing)
// CHECK-NEXT:   (the object, `this`)                      0      8  self
// CHECK-NEXT:   (state tag)                              12      1  state_
// CHECK-NEXT:   sizeof Counter_run_future = 16, alignof = 8

int main() { Counter c; return block_on(c.run(1)) == 1 ? 0 : 1; }
