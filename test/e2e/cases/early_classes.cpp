// Async functions, generators and streams used by ordinary code before
// their definitions: after a forward declaration (main in the middle of the
// file), and from inline member functions of their own class. Their
// classes are defined early; poll's body stays where the function was.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

struct Item {
    std::string name;
    int qty;
};

Async<int> compute(int x);
Async<std::string> describe(Item item);
Generator<int> evens(int n);
Stream<int> squares(int n);
Async<int> total(int n);
Async<int> is_even(int n);
Async<int> is_odd(int n);
Async<int> sum_twice();

// Ordinary code before the definitions.
int run_compute() { return block_on(compute(3)); }

struct Counter {
    int n = 0;
    Async<int> bump(int by) {
        await(YieldOnce<int>(by));
        n += by;
        return n;
    }
    int bump_sync(int by) { return block_on(bump(by)); }
    Async<std::string> label();
    std::string label_sync() { return block_on(label()); }
    Generator<int> upto(int k) {
        for (int i = n; i < n + k; ++i) yield(i);
    }
    int sum_upto(int k) {
        int s = 0;
        for (int v : upto(k)) s += v;
        return s;
    }
};

Async<std::string> Counter::label() {
    Tracer t(n);
    await(YieldOnce<int>(0));
    return "counter at " + std::to_string(n);
}

int main() {
    std::printf("compute %d\n", run_compute());
    std::printf("describe %s\n", block_on(describe(Item{"apple", 3})).c_str());
    for (int e : evens(4)) std::printf("even %d\n", e);
    std::printf("total %d\n", block_on(total(4)));
    std::printf("is_even(7) %d\n", block_on(is_even(7)));
    Counter c;
    std::printf("bump %d\n", c.bump_sync(2));
    std::printf("bump %d\n", c.bump_sync(5));
    std::printf("label %s\n", c.label_sync().c_str());
    std::printf("sum_upto %d\n", c.sum_upto(3));
    std::printf("sum_twice %d\n", block_on(sum_twice()));
    return 0;
}

Async<int> compute(int x) {
    int y = await(YieldOnce<int>(x * 2));
    return y + 1;
}

Async<std::string> describe(Item item) {
    Tracer t(item.qty);
    int doubled = await(compute(item.qty));
    return item.name + " x" + std::to_string(doubled);
}

Generator<int> evens(int n) {
    std::vector<int> kept;
    for (int i = 0; i < n; ++i) {
        kept.push_back(2 * i);
        yield(kept.back());
    }
}

Stream<int> squares(int n) {
    for (int i = 1; i <= n; ++i) {
        await(YieldOnce<int>(i));
        yield(i * i);
    }
}

// Awaits a function whose class is also needed early (squares' stream).
Async<int> total(int n) {
    auto s = squares(n);
    int sum = 0;
    while (auto v = await(next(s))) sum += *v;
    return sum;
}

// Mutual recursion through boxed(...): each needs the other's class where
// its own poll is.
Async<int> is_even(int n) {
    if (n == 0) return 1;
    return await(boxed(is_odd(n - 1)));
}

Async<int> is_odd(int n) {
    if (n == 0) return 0;
    return await(boxed(is_even(n - 1)));
}

// Keeps a temporary across an await (the left operand of +): its type must
// be complete where the class goes, as it is.
Async<int> sum_twice() { return await(compute(1)) + await(compute(2)); }
