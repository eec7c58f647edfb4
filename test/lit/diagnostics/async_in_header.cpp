// An async function with an await defined in an included header would stay
// unlowered (the tool rewrites only its input) and fail to link: a located
// error at its definition. A declaration there is fine.
// RUN: rm -f %t.out
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include "Inputs/async_in_header.h"
// CHECK: async_in_header.h:4:30: error: an async function with suspension points defined in a header is not lowered (the tool rewrites only its input); define it in a .cpp file the tool lowers, and declare it in the header
// CHECK-NOT: error:

stackless::Async<int> declared_only(int v) { return v + stackless::await(from_header(v)); }
