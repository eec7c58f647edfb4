// Found by test/fuzz: a temporary bound to a reference parameter of an
// awaited async function is destroyed when the caller's poll returns
// Pending, while the callee still refers to it (SPEC 2.3: a temporary
// created before an await in the same full-expression lives across it).
// ASan: stack-use-after-scope in the callee's poll.
#include "trace.hpp"
using namespace stackless;

Async<int> read_later(const Tracer& t, const int& k) {
    await(Tick());
    return t.id * 10 + k;
}

Async<int> caller(int a) {
    int x = await(read_later(Tracer(1), a % 3));
    std::printf("x = %d\n", x);
    return x;
}

int main() {
    int r = block_on(caller(5));
    std::printf("caller: %d\n", r);
}
