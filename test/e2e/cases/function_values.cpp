// An async function, generator or stream used as a value rather than
// called: a table of function pointers, a pointer variable, a
// std::function, `&f`, an argument. In the output the function returns its
// own class, so a lambda of the declared type stands in for it (`+[](int
// p0) -> Async<int> { return add1(std::move(p0)); }`): a function pointer
// of the declared type again, whose calls box the future (one allocation).
#include <functional>
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<int> add1(int x);  // used before its definition

using Op = Async<int> (*)(int);
Op table[] = {add1, &add1};

Async<int> add1(int x) { return await(YieldOnce<int>(x)) + 1; }

Async<int> twice(int x) {
    int y = await(YieldOnce<int>(x));
    return y * 2;
}

Async<std::string> greet(const std::string& who) {
    std::string w = await(YieldOnce<std::string>(who));
    return "hi " + w;
}

Generator<int> upto(int n) {
    for (int i = 0; i < n; ++i) yield(i);
}

Stream<int> tens(int n) {
    for (int i = 1; i <= n; ++i) {
        await(YieldOnce<int>(i));
        yield(10 * i);
    }
}

Async<int> apply(Op op, int v) { return await(op(v)) + 1000; }

Async<int> run_all(int v) {
    int total = 0;
    for (Op op : table) total += await(op(v));
    Op local[] = {twice, &add1};  // in an async body
    for (Op op : local) total += await(op(v));
    std::function<Async<int>(int)> f = twice;
    total += await(f(100));
    total += await(apply(twice, 1));
    Stream<int> (*s)(int) = tens;
    auto st = s(2);
    while (auto x = await(next(st))) total += *x;
    return total;
}

int main() {
    Generator<int> (*g)(int) = upto;
    int sum = 0;
    for (int x : g(4)) sum += x;
    Async<std::string> (*gr)(const std::string&) = &greet;
    std::vector<Op> ops = {twice, add1};
    int viaVector = 0;
    for (Op op : ops) viaVector += block_on(op(3));
    std::printf("run_all %d\n", block_on(run_all(5)));
    std::printf("generator %d\n", sum);
    std::printf("greet %s\n", block_on(gr("bob")).c_str());
    std::printf("vector %d\n", viaVector);
    return 0;
}
