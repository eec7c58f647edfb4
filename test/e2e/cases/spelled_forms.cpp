// Forms a C++ user writes every day, each of which once failed:
// `B b(a);` initialized through a conversion operator and kept across an
// await (the declaration's text ended at `a`, its `)` lost); static members
// named without their class inside an awaited expression whose type is
// spelled from its text (`join(work(helper(1)), ...)` in a member function:
// qualified there too, and an unscoped enumerator of the class);
// recursion through a spelled Async<int> / Generator variable, which holds
// the boxed future (not infinite size).
#include <string>
#include <string_view>

#include "trace.hpp"
using namespace stackless;

struct B { int v; };
struct A {
    int x;
    operator B() const { return B{x}; }
};

Async<int> converted(A a) {
    B b(a);
    std::string text = "hello";
    std::string_view view(text);
    await(Tick());
    return b.v + static_cast<int>(view.size());
}

struct S {
    enum Mode { kFast = 3, kSlow = 5 };
    static constexpr int kBase = 2;
    static int helper(int x) { return x + 1; }
    static Async<int> work(int x) {
        await(Tick());
        return x;
    }
    Async<int> run();
};

Async<int> S::run() {
    auto [x, y] = await(join(work(helper(1)), ready(kBase * 2)));
    auto [m, n] = await(join(work(kFast), ready(kSlow)));
    return x + y + m * n;
}

Async<int> fact(int n) {
    if (n <= 1) return 1;
    Async<int> sub = fact(n - 1);
    return n * await(sub);
}

Generator<int> count_down(int n) {
    if (n == 0) return;
    yield(n);
    Generator<int> rest = count_down(n - 1);
    for (int x : rest) yield(x);
}

int main() {
    std::printf("%d\n", block_on(converted(A{7})));
    S s;
    std::printf("%d\n", block_on(s.run()));
    std::printf("%d\n", block_on(fact(5)));
    for (int x : count_down(3)) std::printf("down %d\n", x);
}
