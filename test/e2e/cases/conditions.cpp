// await as the condition of if, while, do-while, for and switch.
#include "trace.hpp"
using namespace stackless;

Async<int> conds(int n) {
    int r = 0;
    if (await(YieldOnce<bool>(n > 1))) r += 1;
    else r += 2;
    int i = 0;
    while (await(YieldOnce<int>(i)) < n) {
        ++i;
        if (i == 2) continue;
        r += 10;
    }
    int j = 0;
    do {
        ++j;
        if (j == 1) continue;
        r += 100;
    } while (await(YieldOnce<int>(j)) < n);
    for (int k = 0; await(YieldOnce<bool>(k < n)); ++k) r += 1000;
    switch (await(YieldOnce<int>(n))) {
    case 2: r += 5; break;
    default: r += 7;
    }
    return r;
}

int main() {
    for (int n = 0; n < 4; ++n) std::printf("conds(%d) = %d\n", n, block_on(conds(n)));
}
