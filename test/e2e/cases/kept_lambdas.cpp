// A named lambda kept across an await (or whose declaration a resume jump
// crosses): its closure type has no name, so the lambda is made by a
// function written before the generated class, whose type the class names
// through decltype (tool/LambdaFactory.h). Captures by reference, by copy
// ([=]), init-captures, mutable and generic lambdas, a traced capture.
#include "trace.hpp"
#include <string>
#include <vector>
using namespace stackless;
Async<int> fetch(int x) { await(Tick()); return x * 2; }
Async<int> tally(std::vector<int> xs) {
    int total = 0;
    auto add = [&total](int x) { total += x; };
    for (int x : xs) add(await(fetch(x)));
    return total;
}
Async<std::string> greet(std::string name) {
    std::string prefix = "hello ";
    auto make = [=](int n) { return prefix + name + std::to_string(n); };
    std::string a = make(await(fetch(1)));
    std::string b = make(await(fetch(2)));
    return a + "|" + b;
}
Async<int> counter() {
    int base = 10;
    auto next = [n = base, &base]() mutable { base += 1; return n++; };
    int s = next();
    await(Tick());
    s += next();
    await(Tick());
    return s + next() + base;
}
Async<int> traced() {
    Tracer t(1);
    auto f = [t = Tracer(2)](int k) { return t.id + k; };
    int r = f(await(fetch(3)));
    return r + t.id;
}
Async<int> crossed(int k) {
    auto sq = [](int v) { return v * v; };   // not used after: only crossed by the resume jump
    int s = sq(k);
    await(Tick());
    return s;
}
Async<int> generic() {
    auto twice = [](auto v) { return v + v; };
    int a = twice(await(fetch(4)));
    double b = twice(2.5);
    return a + (int)b;
}
Async<int> init_capture_by_reference() {
    int counter = 1;
    auto f = [&c = counter](int by) { return by + c; };  // counter must be kept
    await(Tick());
    counter = 10;
    return f(1);
}
Async<int> lambda_calling_lambda() {
    int counter = 1;
    auto bump = [&counter](int by) { counter += by; return counter; };
    auto twice = [&](int by) { bump(by); return bump(by); };  // names bump's own type
    int base = 3;
    auto sq = [](int v) { return v * v; };
    auto f = [sq, base](int v) { return sq(v) + base; };     // a copy of sq
    await(Tick());
    return twice(2) * 100 + f(2);
}
int main() {
    std::printf("%d\n", block_on(lambda_calling_lambda()));
    std::printf("%d\n", block_on(init_capture_by_reference()));
    std::printf("%d\n", block_on(tally({1, 2, 3})));
    std::printf("%s\n", block_on(greet("bob")).c_str());
    std::printf("%d\n", block_on(counter()));
    std::printf("%d\n", block_on(traced()));
    std::printf("%d\n", block_on(crossed(7)));
    std::printf("%d\n", block_on(generic()));
}
