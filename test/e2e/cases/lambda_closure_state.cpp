// An async lambda that is not called where it is written refers to its
// closure's captures when it is `mutable` (each call sees what the last
// changed, as in C++) or when a capture cannot be copied: its futures then
// need the closure alive, as a member function's future needs its object.
// Other by-value captures are copied into each future; a lambda called
// where it is written moves them.
#include "trace.hpp"
#include <memory>
using namespace stackless;

int main() {
    auto counter = [n = 0]() mutable -> Async<int> {
        ++n;
        await(YieldOnce<int>(0));
        return n;
    };
    int a = block_on(counter());
    int b = block_on(counter());
    std::printf("counter %d %d\n", a, b);

    auto owned = [p = std::make_unique<int>(41)]() -> Async<int> {
        await(YieldOnce<int>(0));
        return *p + 1;
    };
    std::printf("owned %d %d\n", block_on(owned()), block_on(owned()));

    auto gen = [p = std::make_unique<int>(7)]() -> Generator<int> {
        yield(*p);
        yield(*p + 1);
    };
    for (int v : gen()) std::printf("gen %d\n", v);

    auto steps = [k = 0]() mutable -> Generator<int> {
        for (int i = 0; i < 2; ++i) yield(++k);
    };
    for (int v : steps()) std::printf("steps %d\n", v);
    for (int v : steps()) std::printf("steps again %d\n", v);

    int copied = 5;
    auto plain = [copied]() -> Async<int> { return copied + await(YieldOnce<int>(1)); };
    copied = 100;
    std::printf("plain %d\n", block_on(plain()));
    std::printf("at once %d\n",
                block_on([t = Tracer(9)]() -> Async<int> { return t.id + await(YieldOnce<int>(1)); }()));
}
