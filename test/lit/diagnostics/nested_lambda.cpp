// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
// An async lambda's future kept in an enclosing async function's state
// must have a type the generated class can name: the lambda's class goes
// before the enclosing class (HoistedLambdas.h), except where it cannot
// leave the function (a template, a member function).
#include <stackless/stackless.hpp>
using namespace stackless;

template <class T>
Async<T> awaited_in_place(T v) {
    return await([v]() -> Async<T> { return v; }());
}
// CHECK-DAG: nested_lambda.cpp:[[@LINE-2]]:12: error: awaiting the future of an async lambda called inside an async function: its type (a class local to the lambda) cannot be named in the generated class; box it

struct Counter {
    int k = 2;
    Async<int> kept_in_auto() {
        auto f = [this]() -> Async<int> { return k; }();
        await(yield_now());
        return await(std::move(f));
    }
};
// CHECK-DAG: nested_lambda.cpp:[[@LINE-5]]:14: error: `f` holds the future of an async lambda and is kept across a suspension

template <class T>
Async<T> joined(T v) {
    auto both = await(join([v]() -> Async<T> { return v; }(), yield_now()));
    return std::get<0>(both);
}
// CHECK-DAG: nested_lambda.cpp:[[@LINE-3]]:17: error: awaiting the future of an async lambda called inside an async function

int main() {
    Counter c;
    return block_on(awaited_in_place(1)) + block_on(c.kept_in_auto()) + block_on(joined(2));
}
