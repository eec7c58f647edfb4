// Kept across awaits, objects whose type has a declarator around the name
// (a pointer to a function, to a member, to a member function, to an
// array; a range-for's iterator over a 2-D array): a new-expression names
// such a type in parentheses. And an operand with an overloaded comma kept
// by address. Parameters of such types (a pointer to a function, a
// reference to an array or to a function), also of a member function
// defined in its class; an array of pointers to functions kept; members
// with a ref-qualifier or noexcept.
#include "trace.hpp"
using namespace stackless;

int dbl(int x) { return 2 * x; }
struct Calc {
    int base = 5;
    int add(int x) const { return base + x; }
};
struct Acc {
    int sum = 0;
    Acc& operator,(int v) {
        sum = sum * 10 + v;
        return *this;
    }
};

Async<int> pointers() {
    int (*fn)(int) = &dbl;
    int Calc::*field = &Calc::base;
    int (Calc::*method)(int) const = &Calc::add;
    int arr[3] = {7, 8, 9};
    int (*whole)[3] = &arr;
    Calc c;
    await(Tick());
    return fn(1) + c.*field + (c.*method)(10) + (*whole)[2];
}

Async<int> rows() {
    int m[2][2] = {{1, 2}, {3, 4}};
    int s = 0;
    for (auto& row : m) s += row[0] * await(YieldOnce<int>(1)) + row[1];
    return s;
}

Async<int> comma() {
    Acc acc;
    (acc, 1, await(YieldOnce<int>(2)));
    return acc.sum;
}

bool even(int x) { return x % 2 == 0; }

Generator<int> where(bool (*pred)(int), int n) {
    for (int i = 1; i < n; ++i)
        if (pred(i)) yield(i);
}

Async<int> sum_of(const int (&arr)[3], int (&f)(int)) {
    int s = 0;
    for (int x : arr) s += f(await(YieldOnce<int>(x)));
    return s;
}

Async<int> table() {
    int (*fns[2])(int) = {dbl, dbl};
    await(Tick());
    return fns[0](1) + fns[1](2);
}

struct Doc {
    int words = 3;
    Generator<int> matching(bool (*pred)(int)) const {
        for (int i = 0; i < words * 2; ++i)
            if (pred(i)) yield(i);
    }
    Async<int> take() && {
        await(Tick());
        return words * 10;
    }
    Async<int> peek() const noexcept {
        await(Tick());
        return words;
    }
};

int main() {
    std::printf("%d\n", block_on(pointers()));
    std::printf("%d\n", block_on(rows()));
    std::printf("%d\n", block_on(comma()));
    for (int x : where(even, 7)) std::printf("where %d\n", x);
    int arr[3] = {1, 2, 3};
    std::printf("%d\n", block_on(sum_of(arr, dbl)));
    std::printf("%d\n", block_on(table()));
    Doc d;
    for (int x : d.matching(even)) std::printf("matching %d\n", x);
    std::printf("%d %d\n", block_on(Doc{}.take()), block_on(d.peek()));
}
