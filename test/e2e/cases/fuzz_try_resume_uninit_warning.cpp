// Found by test/fuzz: `x` is dead at the await inside the try block (it is
// overwritten before any read), so it becomes a plain local of poll()
// (`int x; x = ...;`). Resuming at that await enters the try through its
// dispatch switch, whose `default: break;` path (never taken) ran the try
// body from its start, where `x % 2` reads the skipped local: g++ -O1
// reported -Wmaybe-uninitialized, an error under -Werror. The default now
// calls a [[noreturn]] helper. (Compare fuzz_try_catch_liveness, where such
// a local is really read.)
#include <stdexcept>
#include "trace.hpp"
using namespace stackless;

Async<int> overwrite_in_try() {
    int x = await(YieldOnce<int>(2));
    try {
        if (x % 2 == 0) {
            await(Tick(1));
        }
        x = await(YieldOnce<int>(3));
        if (x > 5) throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
        std::printf("caught\n");
    }
    await(Tick(1));
    return 0;
}

int main() { std::printf("%d\n", block_on(overwrite_in_try())); }
