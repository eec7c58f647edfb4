// Temporaries created while evaluating an operand before a later await in
// the same full-expression live to the end of the full-expression, as in C++
// (SPEC 2.3): the Tracer's destructor runs after the await, and a pointer
// into a temporary string stays valid across it.
#include <string>

#include "trace.hpp"
using namespace stackless;

static std::string name() { return "a string long enough to live on the heap"; }
static int show(const char* s, int n) {
    std::printf("%s %d\n", s, n);
    return n;
}
static int add(int a, int b) { return a + b; }
static int take(Tracer t, int n) { return t.id + n; }

Async<int> operands() {
    int a = Tracer(1).id + await(YieldOnce<int>(10));
    std::printf("a %d\n", a);
    int b = show(name().c_str(), await(YieldOnce<int>(20)));
    int c = add(Tracer(Tracer(2).id + 1).id, await(YieldOnce<int>(30)));
    std::printf("c %d\n", c);
    int d = take(Tracer(4), await(YieldOnce<int>(40)));
    std::printf("d %d\n", d);
    return a + b + c + d;
}

int main() { std::printf("%d\n", block_on(operands())); }
