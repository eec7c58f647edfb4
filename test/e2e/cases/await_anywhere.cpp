// SPEC 2.7: await anywhere an expression may be. Operands are evaluated left
// to right (function arguments included: our documented choice, and
// clang's, which the oracle uses); `&&`, `||` and `?:` suspend only on the
// evaluated side; temporaries created before an await live across it and
// die at the end of the full-expression.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

int note(const char* what, int v) {
    std::printf("eval %s = %d\n", what, v);
    return v;
}

int sum3(int a, int b, int c) { return a + b + c; }
int peek(const Tracer& t, int v) { return t.id + v; }

struct Pair {
    int a, b;
};

YieldOnce<int> make_leaf(int v) { return YieldOnce<int>(v); }

Async<int> child(int v) {
    await(Tick());
    return note("child", v);
}

Async<bool> flag(bool v) {
    await(Tick());
    std::printf("flag %d\n", v ? 1 : 0);
    return v;
}

Async<int> everywhere(int n) {
    // Several awaits in one expression, and in call arguments.
    int s = await(child(1)) + await(child(2)) * await(YieldOnce<int>(3));
    std::printf("s = %d\n", s);
    int t = sum3(note("first", n), await(child(10)), note("third", 30));
    std::printf("t = %d\n", t);

    // Only the evaluated side of && || ?: suspends.
    bool both = await(flag(n > 0)) && await(flag(true));
    bool either = await(flag(n > 100)) || await(flag(false));
    int pick = n > 1 ? await(child(100)) : await(child(200));
    std::printf("both %d either %d pick %d\n", both, either, pick);

    // Nested awaits, member calls on a result, braced initializers.
    int nested = await(await(YieldOnce<YieldOnce<int>>(make_leaf(7))));
    std::size_t len = await(YieldOnce<std::string>(std::string("abcd"))).size();
    Pair p{await(child(5)), await(child(6))};
    std::vector<int> v{await(child(8)), 9};
    std::printf("nested %d len %zu pair %d %d vec %zu\n", nested, len, p.a, p.b, v.size());

    // A temporary created before the await lives across it.
    int seen = peek(Tracer(42), await(child(1)));
    std::printf("seen %d\n", seen);

    // Comma, and await as an if/while condition with && inside.
    int k = (note("comma", 1), await(child(2)));
    int loops = 0;
    while (loops < 3 && await(flag(loops != 1))) ++loops;
    return s + t + pick + nested + static_cast<int>(len) + p.a + k + loops;
}

int main() {
    for (int n : {0, 2}) std::printf("result %d\n", block_on(everywhere(n)));
}
