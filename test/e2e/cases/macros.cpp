// Macros in async bodies: a return value or initializer that starts with a
// macro, and a saved variable passed as a macro argument.
#include "trace.hpp"
using namespace stackless;

#define FACTOR 6
#define TWICE(x) ((x) * 2)

Async<int> scaled(int n) {
    int k = TWICE(n);
    await(Tick());
    int m = FACTOR + TWICE(k);
    await(Tick());
    return FACTOR * n + TWICE(m) + k;
}

int main() { std::printf("%d\n", block_on(scaled(3))); }
