// Mutual recursion boxed in one direction only (SPEC 2.10: only a cycle of
// stored futures is infinite): one function stores the other's future, the
// other boxes the call back. The class that stores comes after the class
// it stores, and the poll() of the other, whose body makes the first's
// future (to box it), is defined after both classes. Members of one class,
// and free functions boxing in the later or in the earlier definition.
#include "trace.hpp"
using namespace stackless;

struct Parser {
    int depth = 0;
    Async<long> expr(int n) {
        if (n <= 0) return 0;
        Tracer t(n);
        return 1 + await(stackless::boxed(term(n - 1)));
    }
    Async<long> term(int n) {
        if (n <= 0) return 0;
        ++depth;
        return 2 + await(expr(n - 1));
    }
};

Async<long> odd_sum(int n);

Async<long> even_sum(int n) {
    if (n <= 0) return 0;
    await(YieldOnce<int>(0));
    long r = await(odd_sum(n - 1));
    return r + n;
}

Async<long> odd_sum(int n) {
    if (n <= 0) return 0;
    return n + await(stackless::boxed(even_sum(n - 1)));
}

Async<long> ping(int n);

Async<long> pong(int n) {
    if (n <= 0) return 0;
    return 10 + await(stackless::boxed(ping(n - 1)));
}

Async<long> ping(int n) {
    if (n <= 0) return 0;
    long r = await(pong(n - 1));
    return r + 1;
}

// Declared first and used by ordinary code before their definitions: the
// class of is_even is defined early; its poll() still waits for is_odd's.
Async<int> is_even(int n);
Async<int> is_odd(int n);
Async<int> describe(int n);

Async<int> is_even(int n) {
    if (n == 0) return 1;
    await(YieldOnce<int>(0));
    return await(stackless::boxed(is_odd(n - 1)));
}
Async<int> is_odd(int n) {
    if (n == 0) return 0;
    return await(is_even(n - 1));
}

int main() {
    std::printf("describe %d\n", block_on(describe(7)));
    Parser p;
    long e = block_on(p.expr(5));
    std::printf("expr %ld depth %d\n", e, p.depth);
    std::printf("even_sum %ld\n", block_on(even_sum(6)));
    std::printf("ping %ld\n", block_on(ping(5)));
}

Async<int> describe(int n) { return 100 + await(is_even(n)); }
