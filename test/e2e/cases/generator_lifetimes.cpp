// A generator keeps exact C++ lifetimes: locals live from one resume to the
// next, and dropping a half-consumed generator destroys exactly its live
// objects, newest first. (Expected trace in generator_lifetimes.expected:
// the oracle runs generators eagerly, so its interleaving differs.)
// The temporaries of `yield(expr)` live until the statement ends, after
// the consumer has seen the value, as in C++ (co_yield) and SPEC 2.3.
#include <stdexcept>
#include <string>
#include <string_view>
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

Generator<int> temporaries() {
    yield(Tracer(2).id);
    yield(Tracer(3).id + Tracer(4).id);
}

std::string spelled(int i) { return "value " + std::to_string(i) + " (long enough to be on the heap)"; }

Generator<std::string_view> views(int n) {
    for (int i = 0; i < n; ++i) yield(std::string_view(spelled(i)));
}

Stream<int> stream_temporaries() {
    await(YieldOnce<int>(0));
    yield(Tracer(5).id);
}

Async<int> drain() {
    auto s = stream_temporaries();
    int total = 0;
    while (auto v = await(next(s))) {
        std::printf("stream got %d\n", *v);
        total += *v;
    }
    return total;
}

int main() {
    std::printf("-- temporaries of yield(expr)\n");
    for (int v : temporaries()) std::printf("got %d\n", v);
    for (std::string_view v : views(2)) std::printf("view %.*s\n", int(v.size()), v.data());
    {
        auto g = temporaries();
        std::printf("first %d\n", g.resume().yielded());
        std::printf("dropped at the first yield\n");
    }
    std::printf("stream total %d\n", block_on(drain()));
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
