// Streams (async generators): await and yield in one body, consumed with
// await(next(s)); join of lowered futures.
#include "trace.hpp"
using namespace stackless;

Stream<int> ticks(int n) {
    for (int i = 0; i < n; ++i) {
        await(Tick());
        yield(i * 10);
    }
}

Async<int> child(int v) {
    await(Tick(v));
    return v * 100;
}

Async<int> total(int n) {
    auto s = ticks(n);
    int sum = 0;
    while (true) {
        auto item = await(next(s));
        if (!item) break;
        std::printf("item %d\n", *item);
        sum += *item;
    }
    return sum;
}

int main() {
    std::printf("total %d\n", block_on(total(4)));
}
