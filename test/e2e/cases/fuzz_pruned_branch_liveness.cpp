// Found by test/fuzz: the condition's left operand is a constant, so Clang's
// CFG prunes both the await on the right of `||` and the code after the if
// as unreachable, and liveness (which followed only reachable edges) found
// `x5` dead at that await. It became a plain local of poll(), and g++ -O1
// reported that the read after the await's resume label may see it
// uninitialized (an error under -Werror): the label is reachable by the
// resume jump whatever the CFG proves. Pruned edges now count.
#include "trace.hpp"
using namespace stackless;

Async<int> pruned(int k) {
    int x5 = await(YieldOnce<int>(k + 3));
    if ((0 % 2 == 0) || (await(YieldOnce<int>(6)) % 2 == 0)) {
        std::printf("taken\n");
        return 1;
    }
    std::printf("x5=%d\n", x5);
    return 0;
}

int main() { std::printf("pruned(1) = %d\n", block_on(pruned(1))); }
