// `if constexpr` around a suspension point outside a template: both
// branches are checked there anyway, so it is lowered as an ordinary `if`
// (a resume jump may not enter a constexpr if's branch). In a template it
// stays rejected (lit not_lowered_yet).
#include "trace.hpp"
using namespace stackless;

constexpr bool kVerbose = true;
constexpr int kRounds = 2;

Async<int> configured() {
    int s = 0;
    if constexpr (kVerbose) {
        Tracer t(1);
        s += await(YieldOnce<int>(10));
    } else {
        s -= 1;
    }
    if constexpr (kRounds > 3) {
        s += await(YieldOnce<int>(100));
    } else if constexpr (kRounds == 2) {
        s += await(YieldOnce<int>(1000));
    }
    return s;
}

Generator<int> rounds() {
    for (int i = 0; i < kRounds; ++i)
        if constexpr(kVerbose) yield(i);
}

int main() {
    std::printf("%d\n", block_on(configured()));
    for (int r : rounds()) std::printf("round %d\n", r);
}
