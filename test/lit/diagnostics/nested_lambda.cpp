// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
// An async lambda's future kept in an enclosing async function's state
// must have a type the generated class can name.
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> awaited_in_place() {
    return await([]() -> Async<int> { return 1; }());
}
// CHECK-DAG: nested_lambda.cpp:[[@LINE-2]]:12: error: awaiting the future of an async lambda called inside an async function: its type (a class local to the lambda) cannot be named in the generated class; box it

Async<int> kept_in_auto() {
    auto f = []() -> Async<int> { return 2; }();
    await(yield_now());
    return await(std::move(f));
}
// CHECK-DAG: nested_lambda.cpp:[[@LINE-4]]:10: error: `f` holds the future of an async lambda and is kept across a suspension

Async<int> joined() {
    auto both = await(join([]() -> Async<int> { return 1; }(), yield_now()));
    return std::get<0>(both);
}
// CHECK-DAG: nested_lambda.cpp:[[@LINE-3]]:17: error: awaiting the future of an async lambda called inside an async function
