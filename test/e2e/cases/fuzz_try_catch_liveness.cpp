// Found by test/fuzz: a local read only on the path through a catch
// handler, after an await inside the try block, used to count as dead
// across that await (liveness ignored exception edges). It became a plain
// local of poll() (`int x; x = ...;`) instead of a saved one, and resuming
// at the await (a goto into the try) found it uninitialized: here both the
// loop counter `i` and `x`, which the handler's path reads after the
// exception from thrower(); with -ftrivial-auto-var-init=pattern the loop
// never ended. The CFG now has exception edges (AddEHEdges).
#include <stdexcept>
#include "trace.hpp"
using namespace stackless;

Async<int> thrower(int n) {
    await(Tick());
    if (n > 5) throw std::runtime_error("boom");
    return n;
}

Async<int> retry(int n) {
    int r = 0;
    for (int i = 0; i < 2; ++i) {
        int x = await(YieldOnce<int>(n + 100));
        try {
            await(thrower(n));
            break;
        } catch (const std::runtime_error&) {
            std::printf("caught in round %d\n", i);
        }
        r += x;
    }
    return r;
}

int main() {
    std::printf("retry(7) = %d\n", block_on(retry(7)));
    std::printf("retry(1) = %d\n", block_on(retry(1)));
}
