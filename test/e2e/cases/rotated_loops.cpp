// Loops that suspend in their body are lowered rotated
// (`if (c) do body while ((void)inc, c);`): the condition is evaluated
// exactly as often as in the loop as written, `continue` still runs the
// increment and the test, `break` leaves, zero iterations run no body, and a
// Tracer in the body dies once per iteration (also on continue).
#include <vector>

#include "trace.hpp"
using namespace stackless;

static int tests = 0;  // how many times a loop condition was evaluated
static bool below(int i, int n) {
    ++tests;
    std::printf("test %d < %d\n", i, n);
    return i < n;
}

static bool below_quietly(int i, int n) {  // for the generator (the oracle runs it eagerly)
    ++tests;
    return i < n;
}

struct Counter {  // an increment with a non-trivial expression
    int value = 0;
    Counter& operator+=(int k) {
        value += k;
        return *this;
    }
};

Async<int> for_loop(int n) {
    int total = 0;
    for (int i = 0; below(i, n); i += 2) {
        Tracer t(i);
        if (i == 2) continue;
        total += await(YieldOnce<int>(i));
        if (i == 6) break;
    }
    return total;
}

Async<int> for_without_declaration(int n) {
    int total = 0;
    Counter c;
    for (c.value = 1; below(c.value, n); c += 3) total += await(YieldOnce<int>(c.value));
    return total;
}

Async<int> while_loop(int n) {
    int i = 0, total = 0;
    while (below(i, n)) {
        ++i;
        if (i % 3 == 0) continue;
        Tracer t(100 + i);
        total += await(YieldOnce<int>(i));
    }
    return total;
}

Async<int> range_loop(std::vector<int> xs) {
    int total = 0;
    for (int x : xs) {
        Tracer t(200 + x);
        if (x < 0) continue;
        if (x > 50) break;
        total += await(YieldOnce<int>(x));
    }
    return total;
}

Async<int> nested(int n) {
    int total = 0;
    for (int i = 0; below(i, n); ++i)
        for (int j = 0; j < i; ++j) {
            if (j == 1) continue;
            total += await(YieldOnce<int>(10 * i + j));
        }
    return total;
}

Generator<int> evens(int n) {
    for (int i = 0; below_quietly(i, n); ++i)
        if (i % 2 == 0) yield(i);
}

int main() {
    for (int n = 0; n < 9; n += 4) {
        tests = 0;
        std::printf("for_loop(%d) = %d\n", n, block_on(for_loop(n)));
        std::printf("for_without_declaration(%d) = %d\n", n, block_on(for_without_declaration(n)));
        std::printf("while_loop(%d) = %d\n", n, block_on(while_loop(n)));
        std::printf("nested(%d) = %d\n", n, block_on(nested(n)));
        for (int v : evens(n)) std::printf("even %d\n", v);
        std::printf("tests: %d\n", tests);
    }
    std::printf("range_loop = %d\n", block_on(range_loop({})));
    std::printf("range_loop = %d\n", block_on(range_loop({1, -2, 3, 60, 4})));
    std::printf("range_loop = %d\n", block_on(range_loop({5, 6})));
}
