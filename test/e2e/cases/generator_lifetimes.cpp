// A generator keeps exact C++ lifetimes: locals live from one resume to the
// next, and dropping a half-consumed generator destroys exactly its live
// objects, newest first. (Expected trace in generator_lifetimes.expected:
// the oracle runs generators eagerly, so its interleaving differs.)
#include <stdexcept>
#include "trace.hpp"
using namespace stackless;

Generator<int> traced(int n) {
    Tracer outer(1);
    for (int i = 0; i < n; ++i) {
        Tracer inner(10 + i);
        yield(i);
    }
    Tracer last(99);
    yield(-1);
}

int main() {
    std::printf("-- whole range\n");
    for (int v : traced(2)) std::printf("got %d\n", v);
    std::printf("-- break after the first\n");
    for (int v : traced(3)) {
        std::printf("got %d\n", v);
        break;
    }
    std::printf("-- never resumed\n");
    { auto g = traced(5); }
    std::printf("-- resume after completion\n");
    auto g = traced(0);
    while (g.resume().is_yielded()) std::printf("yielded\n");
    try {
        g.resume();
    } catch (const std::logic_error&) {
        std::printf("logic_error\n");
    }
}
