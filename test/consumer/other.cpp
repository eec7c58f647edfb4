// A second lowered file, which does not include greeting.hpp.
#include <stackless/stackless.hpp>
using namespace stackless;

#ifndef CONSUMER_FACTOR
#error "CONSUMER_FACTOR is not defined: the target's compile definitions did not reach the tool"
#endif

Async<int> six_times(int n) {
    await(yield_now());
    return n * CONSUMER_FACTOR;
}

int answer() { return block_on(six_times(7)); }
