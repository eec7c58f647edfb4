// Found by test/fuzz: a named future awaited as a statement (`await(y);`,
// `await(std::move(y));`) or as a call argument (`use(await(y))`) loses its
// await: the lowered code jumps to a suspension label it never emits and
// reads a result slot it never declares. `int x = await(y);` and
// `x += await(y);` work.
#include "trace.hpp"
using namespace stackless;

int use(int v) {
    std::printf("use %d\n", v);
    return v;
}

Async<int> named_statement(int p) {
    TracedFuture y(1, p);
    await(y);
    YieldOnce<int> z(p + 1);
    await(std::move(z));
    return p;
}

Async<int> named_argument(int p) {
    YieldOnce<int> y(p);
    use(await(y));
    return p + 1;
}

int main() {
    std::printf("named_statement: %d\n", block_on(named_statement(3)));
    std::printf("named_argument: %d\n", block_on(named_argument(5)));
}
