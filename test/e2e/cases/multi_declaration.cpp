// Declarations of several variables in one statement, between awaits: each
// declarator is lowered on its own. A scalar that the resume jump to a
// later await passes becomes a declaration and an assignment (`int a; a =
// 1;`), an array is declared as written, a variable kept across an await is
// constructed in its slot. The tool used to leave `int a = 1, b = n;` as
// written (g++: "jump to label crosses initialization") and to reject a
// statement mixing kept and unkept variables.
#include "trace.hpp"
using namespace stackless;

Async<int> scalars(int n) {
    await(Tick());
    int a = 1, b = n, c;
    const char *s = "ab", *t = s + 1;
    c = a + b;
    std::printf("a %d b %d c %d %s %s\n", a, b, c, s, t);
    await(Tick());
    return n;
}

Async<int> with_array(int n) {
    await(Tick());
    int a = n, arr[3];
    for (int& e : arr) e = a;
    std::printf("arr %d %d %d\n", arr[0], arr[1], arr[2]);
    await(Tick());
    return arr[0] > 0 ? 1 : 0;
}

Async<int> mixed(int n) {
    int kept = n * 2, scratch = n + 1, *p = &scratch;
    std::printf("scratch %d via p %d\n", scratch, *p);
    await(Tick());
    int later = kept + 1, unused_after = later * 3;
    std::printf("unused_after %d\n", unused_after);
    await(Tick());
    return kept + later;
}

int main() {
    std::printf("scalars: %d\n", block_on(scalars(4)));
    std::printf("with_array: %d\n", block_on(with_array(5)));
    std::printf("mixed: %d\n", block_on(mixed(6)));
}
