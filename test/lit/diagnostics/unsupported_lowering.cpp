// Constructs the lowering cannot write yet are named, located, and rejected
// (exit status 1, no output written).
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
#include <memory>
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };
template <class F> Leaf run(const F& f) { (void)f; return Leaf{}; }
template <class F> int run2(F f, int x) { return f(x); }
int next(int);
Async<int> total(std::initializer_list<int> xs);
namespace shapes {
struct Size { int w = 2; };
Async<int> area(const Size &s = Size{});
} // namespace shapes

Async<int> f(int n) {
    int a = 0;
    for (int i = 0; std::unique_ptr<int> p = i < n ? std::make_unique<int>(i) : nullptr; ++i)
        a += *p + await(Leaf{});
// CHECK: unsupported_lowering.cpp:[[@LINE-2]]:42: error: a loop's condition variable with a destructor in a loop that suspends is not supported yet
    a += await(run([] { return 1; }));
// CHECK: unsupported_lowering.cpp:[[@LINE-1]]:20: error: a lambda bound to a reference in an awaited expression (a parameter `F &&f`, a std::function made from it) is not supported yet (its type cannot be named); declare it before the statement
    a += await(total({1, 2, 3}));
// CHECK: unsupported_lowering.cpp:[[@LINE-1]]:22: error: a braced list passed as a std::initializer_list to an awaited async function is not supported yet (its array would not outlive the await); pass a std::vector or a std::array
    a += await(shapes::area());
// CHECK: unsupported_lowering.cpp:[[@LINE-1]]:29: error: the default argument of 's' makes a temporary that must live until the awaited future is done, and 'Size{}' cannot be spelled here; pass the argument explicitly
    a += run2([n](int v) { return v + n; }, await(Leaf{}));
// CHECK: unsupported_lowering.cpp:[[@LINE-1]]:15: error: a lambda that captures by copy, made before an await of the same expression, is not supported yet (its type cannot be named); name it in a variable before the statement
    return a;
}
