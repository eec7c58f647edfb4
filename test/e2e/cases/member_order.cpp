// A member defined inline awaits a member of the same class defined after
// main, and main calls the first: both classes are defined early, before
// the class, the callee's first (they were rejected: "cannot be defined
// earlier").
#include "trace.hpp"
using namespace stackless;

struct Client {
    int base = 1;
    Async<int> get(int x);
    Async<int> total() {
        int a = await(get(1));
        int b = await(get(a));
        return a + b + 1;
    }
};

int main() {
    Client c;
    std::printf("%d\n", block_on(c.total()));
    c.base = 10;
    std::printf("%d\n", block_on(c.total()));
}

Async<int> Client::get(int x) {
    await(Tick());
    return x + base;
}
