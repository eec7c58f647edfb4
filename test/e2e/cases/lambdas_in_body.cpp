// Ordinary (non-async) lambdas inside async functions and generators: their
// `return`, `break`, `continue` and locals are their own, and they see the
// function's variables, also those kept across awaits, through explicit and
// implicit captures, by value and by reference, and `this` in a member.
#include <algorithm>
#include <functional>
#include <vector>

#include "trace.hpp"
using namespace stackless;

Async<int> sort_and_count(std::vector<int> v, int limit) {
    int seen = 0;
    std::sort(v.begin(), v.end(), [](int a, int b) { return a > b; });
    int first = await(YieldOnce<int>(v.empty() ? -1 : v.front()));
    auto below = std::count_if(v.begin(), v.end(), [&](int x) {
        ++seen;
        if (x >= limit) return false;
        return true;
    });
    await(Tick());
    int twice = [first]() {
        int r = 0;
        for (int i = 0; i < 10; ++i) {
            if (i == 2) break;
            r += first;
        }
        return r;
    }();
    int by_ref = [&seen, limit]() mutable {
        limit += 1;
        return seen + limit;
    }();
    std::function<int(int)> fact = [&](int n) { return n <= 1 ? 1 : n * fact(n - 1); };
    int f5 = await(YieldOnce<int>(fact(5)));
    int init_capture = [k = first + 1, &s = seen] {
        while (true) return k + s;
    }();
    return first + static_cast<int>(below) * 100 + twice * 1000 + by_ref * 10000 + f5 +
           init_capture;
}

struct Bank {
    int balance = 7;
    Async<int> audit(int rounds) {
        int total = 0;
        for (int i = 0; i < rounds; ++i) {
            total += await(YieldOnce<int>([this, i] { return balance + i; }()));
            total += [this] { return balance * 2; }();
        }
        return total;
    }
};

// In a template: what the lambda captures implicitly is kept across the await.
template <class T>
Async<int> captured_in_template(T p) {
    int x = static_cast<int>(p);
    await(Tick());
    return [=](int a) { return a + x; }(5) + [&] { return x * 10; }();
}

Generator<int> mapped(std::vector<int> xs) {
    for (int x : xs) {
        yield([&] {
            auto square = [](int y) { return y * y; };
            if (x < 0) return -square(x);
            return square(x);
        }());
    }
}

// A lambda that captures only by reference, passed before an await of the
// same call (or called with an await's value): made after the awaits.
template <class F> int apply(F f, int x) { return f(x); }
template <class F> int apply_ref(const F &f, int x) { return f(x); }
Async<int> lambda_arguments() {
    int total = 0;
    total += apply([&](int v) { return v * 2 + total; }, await(YieldOnce<int>(21)));
    total += apply_ref([](int v) { return v + 1; }, await(YieldOnce<int>(1)));
    total += [&](int v) { return v + total; }(await(YieldOnce<int>(5)));
    return total;
}

// A lambda given where an awaited call takes a function pointer
// (`+[](int x) {...}`, or converted implicitly): the pointer refers to
// nothing of the closure, which may die before the await resumes.
Async<int> apply_pointer(int (*f)(int), int x) {
    await(YieldOnce<int>(0));
    return f(x);
}
Async<int> through_pointers() {
    int a = await(apply_pointer(+[](int x) { return x * 2; }, 21));
    int b = await(apply_pointer([](int x) { return x + 1; }, a));
    return b;
}

int main() {
    std::printf("through pointers %d\n", block_on(through_pointers()));
    std::printf("lambda arguments %d\n", block_on(lambda_arguments()));
    std::printf("%d\n", block_on(sort_and_count({5, 1, 9, 3}, 4)));
    std::printf("%d\n", block_on(sort_and_count({}, 4)));
    Bank b;
    std::printf("%d\n", block_on(b.audit(3)));
    for (int y : mapped({1, -2, 3})) std::printf("y %d\n", y);
    std::printf("%d\n", block_on(captured_in_template(3)));
}
