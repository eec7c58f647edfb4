// A temporary with a destructor made after an await inside a ?:, && or ||
// (an operand evaluated before a later await of the same statement) would
// have to live across that later await; the lowering cannot keep it yet.
// Rejected, located, with no output. (Made on a side that may not run,
// without an await there, it is kept with a flag: e2e
// temporaries_around_awaits.)
// RUN: rm -f %t.out
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };
struct Traced { ~Traced(); int get() const; };

Async<int> temporary_after_await_in_condition() {
    return (await(Leaf{}) > 0 && Traced().get() > 0) + await(Leaf{});
}
// CHECK: conditional_temporaries.cpp:[[@LINE-2]]:34: error: a temporary with a destructor made after an await inside a ?:, && or ||, before a later await of the same statement, is not supported yet; name it in a variable before the statement
