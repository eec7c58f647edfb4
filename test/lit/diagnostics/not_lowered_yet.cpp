// More constructs not lowered yet, each named at its location instead of
// output that does not compile; and the wording follows yield or await.
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
// RUN: test ! -e %t.out
// No warnings from the markers' declarations (await is declared, never defined):
// RUN: %not %stackless %s -o %t.out -- -std=c++17 -I%runtime 2>&1 | FileCheck --check-prefix=NOWARN %s
// NOWARN-NOT: warning:
#include <string>
#include <type_traits>
#include <utility>
#include <vector>
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };
std::vector<int> xs();

Generator<const std::string&> names() { static const std::string s = "x"; yield(s); }
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-1]]:31: error: a reference as the output or yield type (const std::string &) is not supported yet

template <class... T>
Async<int> count(T... ts) { await(Leaf{}); return sizeof...(ts); }
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-1]]:23: error: a parameter pack in an async function or generator is not supported yet
Async<int> use_count() { return await(count(1, 2)); }

Async<int> local_type() {
    using Num = int;
    struct Pair { Num a, b; };
    Pair p{1, 2};
    await(Leaf{});
    return p.a + p.b;
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:10: error: a variable of a type declared inside the function, kept across await, is not supported yet (`Pair` names something else declared in the function); declare the type outside the function

template <class T>
Generator<int> constexpr_branch(T t) {
    if constexpr (std::is_integral_v<T>) yield(static_cast<int>(t));
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-2]]:42: error: yield inside an if constexpr branch is not supported yet
void instantiate() { for (int v : constexpr_branch(1)) (void)v; }

struct Listed { std::vector<int> items; };
Async<Listed> listed();
Async<int> member_of_temporary() {
    int s = 0;
    for (int x : await(listed()).items) s += await(Leaf{}) + x;
    return s;
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-3]]:18: error: a range-for over a member of a temporary (`f().items`) that suspends in its body is not supported yet; name the object before the loop
Async<int> reference_to_member() {
    const std::vector<int>& items = await(listed()).items;
    await(Leaf{});
    return items.empty() ? 0 : items[0];
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:29: error: a reference bound to a member of a temporary, kept across await, is not supported yet; name the object first

Generator<int> lambda_yield() {
    auto f = [] { yield(1); };
    f();
    yield(2);
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:19: error: yield inside a lambda that is not a generator; make the lambda a generator

template <class T> struct Spec {};
template <> struct Spec<int> {
    struct In {
        Async<int> get() const { return await(Leaf{}); }
    };
};
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-3]]:20: error: async member functions of unnamed classes, and of classes nested in an explicit specialization, are not supported yet

Async<int> lambda_naming_a_constexpr_local() {
    constexpr int k = 3;
    auto f = [](int x) { return x * k; };
    await(Leaf{});
    return f(2);
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:10: error: a lambda kept across await is not supported yet here (its type cannot be named, and it cannot be made before the class: its body names `k` of the function without capturing it)

template <class T>
struct WithLambda {
    T m = 1;
    Async<T> member() {
        auto f = [this](T x) { return x + m; };
        await(Leaf{});
        return f(2);
    }
};
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-5]]:14: error: a lambda kept across await is not supported yet here (its type cannot be named, and it cannot be made before the class: the function is a member of a class template, or a member function template)

template <class T>
struct Poller {
    T v;
    Async<T> get() { return await(poll_fn([this](Context&) { return Poll<T>::ready(v); })); }
};
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-2]]:29: error: awaiting a future whose type holds a lambda is not supported here: its lambda cannot be made before the generated class (the function is a member of a class template, or a member function template); pass a function pointer, a named function object or a std::function

template <class T>
Async<T> keeps_async_lambda(T n) {
    auto g = [](T m) -> Async<T> { await(Leaf{}); return m; };
    T first = await(g(n));
    return first + await(g(n));
}
template Async<int> keeps_async_lambda(int);
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-5]]:10: error: a lambda kept across await is not supported yet here (its type cannot be named, and it cannot be made before the class: it is an async lambda, whose future's class is local to it)

struct Traced { ~Traced(); int get() const; };

struct HoldsReference { const Traced& t; int v; };
Async<int> reference_member() {
    HoldsReference h{Traced(), 1};
    await(Leaf{});
    return h.v + h.t.get();
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:20: error: a temporary bound to a reference member of `h` (which extends its life), kept across a suspension, is not supported yet

template <class T>
Async<T> dependent_binding(std::pair<T, T> p) {
    auto [a, b] = p;
    await(Leaf{});
    return a + b;
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:10: error: a structured binding of a type that depends on a template parameter, kept across a suspension, is not supported yet

template <class T> std::vector<T> two(T a);
template <class T>
Async<T> over_a_call(T a) {
    T s{};
    for (T x : two(a)) s += await(Leaf{});
    return s;
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-3]]:14: error: a range-for over a call's result (or another unnamed range) of a type that depends on a template parameter, suspending in its body, is not supported yet; name the range in a variable first

Async<int> capture_init() {
    return [v = await(Leaf{})] { return v; }();
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-2]]:17: error: await in a lambda's capture initializer is not supported yet; await into a variable before the lambda

Async<int> return_from_range_for_in_kept_scope(std::vector<std::string> v) {
    std::vector<int> kept;
    for (std::string x : v)
        if (x.empty()) return 0;
    await(Leaf{});
    return static_cast<int>(kept.size());
}
// CHECK-DAG: not_lowered_yet.cpp:[[@LINE-4]]:24: error: a return from the body of this range-for, whose variable `x` has a destructor, inside the scope of `kept` (kept across a suspension), is not supported yet; break out of the loop and return after it
