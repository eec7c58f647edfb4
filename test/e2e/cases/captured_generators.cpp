// Async lambdas capturing a generator or a stream that ordinary code (or an
// async function) made with `auto`: in the output its type is the lowered
// class, not the Generator<int> / Stream<int> the input deduced, so the
// lambda's class names it from the variable (`using g_type =
// std::remove_reference_t<decltype(g)>;` before the class).
#include "trace.hpp"
using namespace stackless;

Generator<int> nums(int n) {
    for (int i = 0; i < n; ++i) yield(i);
}

Stream<int> ticks(int n) {
    for (int i = 0; i < n; ++i) {
        await(YieldOnce<int>(i));
        yield(i * 10);
    }
}

Async<int> inside_async() {
    auto g = nums(4);
    auto s = ticks(3);
    Async<int> both = [&]() -> Async<int> {
        int t = 0;
        for (int x : g) t += x;
        while (auto v = await(next(s))) t += *v;
        return t;
    }();
    return await(both) + 1000;
}

int main() {
    auto g = nums(5);
    auto s = ticks(2);
    auto by_reference = [&]() -> Async<int> {
        int t = 0;
        for (int x : g) t += x;
        while (auto v = await(next(s))) t += *v;
        return t;
    };
    std::printf("by reference %d\n", block_on(by_reference()));
    // Called where it is written: the generator is moved into the future.
    int by_value = block_on([h = nums(3)]() mutable -> Async<int> {
        int t = 0;
        for (int x : h) t += 100 * x;
        await(YieldOnce<int>(0));
        return t;
    }());
    std::printf("by value %d\n", by_value);
    std::printf("inside async %d\n", block_on(inside_async()));
    return 0;
}
