// "The next item or a timeout": await(select(next(s), sleep_for(..))). The
// kept next(s) is typed from the lowered stream (in the input it is a
// Next<Stream<int>>). Checked against stream_select.expected (the oracle has
// no select).
#include <chrono>
#include <cstdio>
#include <variant>

#include <stackless/stackless.hpp>
using namespace stackless;

Stream<int> ints() {
    yield(0);
    await(yield_now());
    yield(1);
}

Async<void> consume() {
    auto s = ints();
    for (int k = 0; k < 3; ++k) {
        auto r = await(select(next(s), sleep_for(std::chrono::seconds(5))));
        if (r.index() == 0 && std::get<0>(r))
            std::printf("item %d\n", *std::get<0>(r));
        else
            std::printf("end or timeout\n");
    }
}

int main() { block_on(consume()); }
