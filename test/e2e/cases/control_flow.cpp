// if/else, switch with awaits in case bodies, while, do-while, for, nested
// loops, break/continue/return at any depth.
#include "trace.hpp"
using namespace stackless;

Async<int> branches(int x) {
    int r = 0;
    if (x > 2) {
        r += await(YieldOnce<int>(10));
    } else if (x > 0) {
        r += await(YieldOnce<int>(20));
    } else {
        r -= 1;
    }
    switch (x) {
    case 1:
        r += await(YieldOnce<int>(100));
        break;
    case 3: {
        int k = await(YieldOnce<int>(300));
        r += k;
        break;
    }
    default:
        r += 1000;
    }
    return r;
}

Async<int> loops(int n) {
    int total = 0;
    int i = 0;
    while (i < n) {
        total += await(YieldOnce<int>(i));
        ++i;
    }
    int j = 0;
    do {
        await(Tick());
        total += j;
        ++j;
    } while (j < n);
    for (int k = 0; k < n; ++k) {
        if (k == 1) continue;
        for (int m = 0; m < 3; ++m) {
            if (m == 2) break;
            total += await(YieldOnce<int>(k * 10 + m));
        }
    }
    return total;
}

Async<int> early(int n) {
    for (int k = 0; k < 10; ++k) {
        int v = await(YieldOnce<int>(k));
        if (v == n) return v * 100;
        while (true) {
            if (await(YieldOnce<int>(v)) > 5) return -v;
            break;
        }
    }
    return -1;
}

int main() {
    for (int x = -1; x < 5; ++x) std::printf("branches(%d) = %d\n", x, block_on(branches(x)));
    for (int n = 0; n < 4; ++n) std::printf("loops(%d) = %d\n", n, block_on(loops(n)));
    for (int n = 0; n < 8; n += 3) std::printf("early(%d) = %d\n", n, block_on(early(n)));
}
