// Found by test/fuzz: a do-while whose condition awaits and whose body has
// no `continue` lowers to a `continue_...` label that nothing jumps to, and
// -Wunused-label breaks the -Werror build (conditions.cpp has a continue in
// its do-while, so its label is used).
#include "trace.hpp"
using namespace stackless;

Async<int> await_in_body_and_condition(int n) {
    int d = 0;
    do {
        ++d;
        await(Tick());
    } while (await(YieldOnce<int>(d)) < n);
    return d;
}

Async<int> await_in_condition_only(int n) {
    int d = 0;
    do {
        ++d;
    } while (await(YieldOnce<int>(d)) < n);
    return d;
}

int main() {
    std::printf("%d\n", block_on(await_in_body_and_condition(3)));
    std::printf("%d\n", block_on(await_in_condition_only(2)));
}
