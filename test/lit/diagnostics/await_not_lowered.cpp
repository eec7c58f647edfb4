// A call of await left in code the tool did not lower (a file compiled
// without it, or an inline function in a header it does not rewrite) is an
// error at compile time saying so, not a link error.
// RUN: %not clang++-19 -std=c++17 -fsyntax-only -I%runtime %s 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>

inline int plain() { stackless::await(stackless::yield_now()); return 1; }
// CHECK: error: static assertion failed{{.*}}stackless: await/yield outside a function the stackless tool lowered
// CHECK: await_not_lowered.cpp:[[@LINE-2]]:{{[0-9]+}}: note: in instantiation of function template specialization 'stackless::await<stackless::YieldNow>' requested here

int main() { return plain(); }
