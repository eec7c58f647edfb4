// A declaration of several scalars between two awaits, none of them kept
// across the second: the resume jump to the second await passes their
// initializations, which C++ forbids, so each becomes a declaration and an
// assignment (`int a; a = 1;`), as a single one always did. The tool used to
// leave `int a = 1, b = n;` as written (g++: "jump to label crosses
// initialization").
#include "trace.hpp"
using namespace stackless;

Async<int> sum_then_wait(int n) {
    await(Tick());
    int a = 1, b = n, c;
    const char *s = "ab", *t = s + 1;
    c = a + b;
    std::printf("a %d b %d c %d %s %s\n", a, b, c, s, t);
    await(Tick());
    return n;
}

int main() { std::printf("sum_then_wait: %d\n", block_on(sum_then_wait(4))); }
