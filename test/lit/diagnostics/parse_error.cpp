// A file Clang rejects is reported by Clang, and no output is written.
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <stackless/stackless.hpp>

stackless::Async<int> f() {
    return undeclared_thing;
// CHECK: parse_error.cpp:[[@LINE-1]]:12: error: use of undeclared identifier 'undeclared_thing'
}
