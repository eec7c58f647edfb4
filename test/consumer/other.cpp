// A second lowered file, which does not include greeting.hpp.
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> six_times(int n) {
    await(yield_now());
    return 6 * n;
}

int answer() { return block_on(six_times(7)); }
