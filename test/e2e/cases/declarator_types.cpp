// Kept across awaits, objects whose type has a declarator around the name
// (a pointer to a function, to a member, to a member function, to an
// array; a range-for's iterator over a 2-D array): a new-expression names
// such a type in parentheses. And an operand with an overloaded comma kept
// by address.
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

int main() {
    std::printf("%d\n", block_on(pointers()));
    std::printf("%d\n", block_on(rows()));
    std::printf("%d\n", block_on(comma()));
}
