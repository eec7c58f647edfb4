// Async lambdas inside an async function (the talk's spawn(async { ... })
// from inside a task): each is lowered on its own, its class before the
// enclosing one (awaited_async_lambdas has them awaited directly); it
// captures the enclosing function's variables under their own names, even
// when poll names them differently. Here its future is kept in the
// enclosing state through a spelled Async<T> or boxed(...), one allocation.
#include <string>
#include "trace.hpp"
using namespace stackless;

Async<int> work(int x) {
    await(YieldOnce<int>(x));
    return x * 2;
}

Async<int> outer() {
    std::string tag = "tag";
    int total = 0;
    for (int i = 0; i < 3; ++i) {
        await(YieldOnce<int>(i));
        Async<int> part = [i, tag]() -> Async<int> {
            int v = await(work(i));
            return v + static_cast<int>(tag.size());
        }();
        total += await(std::move(part));
        total += await(boxed([&total]() -> Async<int> {
            await(YieldOnce<int>(0));
            return total;
        }()));
    }
    int i = 100;  // another `i`: poll names one of them differently
    total += await(boxed([=]() -> Async<int> { return i + static_cast<int>(tag.size()); }()));
    return total;
}

// In a template the lambda's class stays inside it: boxed, its future is
// an Async<T>.
template <class T>
Async<T> boxed_in_template(T x) {
    T a = await(boxed([x]() -> Async<T> {
        await(YieldOnce<int>(0));
        return x;
    }()));
    return a * 2;
}

Generator<int> evens_then_odds(int n) {
    Async<int> offset = [n]() -> Async<int> { return n * 100; }();
    int base = block_on(std::move(offset));
    for (int i = 0; i < n; i += 2) yield(base + i);
    for (int i = 1; i < n; i += 2) yield(base + i);
}

int main() {
    // An async lambda inside an async lambda, both in ordinary code: the
    // inner one is lowered first.
    auto twice = [](int base) -> Async<int> {
        int a = await(YieldOnce<int>(base));
        int b = block_on([a]() -> Async<int> {
            int c = await(YieldOnce<int>(a));
            return c * 2;
        }());
        return a + b;
    };
    std::printf("twice %d\n", block_on(twice(5)));
    std::printf("outer %d\n", block_on(outer()));
    std::printf("boxed in template %d\n", block_on(boxed_in_template(21)));
    for (int v : evens_then_odds(5)) std::printf("value %d\n", v);
    return 0;
}
