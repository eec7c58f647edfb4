// An await inside a larger statement is evaluated first; named futures are
// polled in place; an await's value may feed a call, an assignment, an
// operator, a member call.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

int twice(int x) { return 2 * x; }

Async<std::string> name() {
    await(Tick());
    return std::string("stackless");
}

Async<int> positions(int base) {
    int x = 1;
    x = await(YieldOnce<int>(base));
    x += await(YieldOnce<int>(3));
    std::printf("arg: %d\n", twice(await(YieldOnce<int>(x))));
    int y = 10 - await(YieldOnce<int>(4));
    std::size_t n = await(name()).size();
    YieldOnce<int> named(100);
    int z = await(named);
    Tracer t = await(YieldOnce<Tracer>(Tracer(5)));
    std::printf("t.id %d\n", t.id);
    return x + y + static_cast<int>(n) + z;
}

// C++17 evaluates an assignment's right side first: its await's value is
// kept while the left side's await suspends.
Async<int> subscript_assignment() {
    int arr[4] = {};
    arr[await(YieldOnce<int>(1))] = await(YieldOnce<int>(42));
    return arr[1];
}

// A named future reached through an expression with a side effect: the
// expression runs once, not at every poll.
Async<int> through_expressions() {
    std::vector<Async<int>> futs;
    futs.push_back(YieldOnce<int>(1));
    futs.push_back(YieldOnce<int>(2));
    std::size_t i = 0;
    int a = await(futs[i++]);
    int b = await(std::move(futs[i++]));
    return a * 10 + b + static_cast<int>(i) * 100;
}

int main() {
    std::printf("through expressions %d\n", block_on(through_expressions()));
    std::printf("subscript assignment %d\n", block_on(subscript_assignment()));
    int r = block_on(positions(7));
    std::printf("%d\n", r);
}
