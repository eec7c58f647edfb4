// SPEC 2.6: exceptions thrown in the body or by an awaited future; try
// blocks containing awaits catch what the awaited future throws, with the
// try block's locals destroyed during unwinding; an exception escaping poll
// destroys the live objects and leaves the future poisoned.
#include <stdexcept>
#include <string>
#include "trace.hpp"
using namespace stackless;

/// Pending once, then throws.
struct Explodes {
    using Output = int;
    int code;
    bool armed = false;
    stackless::Poll<int> poll(stackless::Context& cx) {
        if (!armed) {
            armed = true;
            cx.waker().wake_by_ref();
            return stackless::Poll<int>::pending();
        }
        throw std::runtime_error("boom " + std::to_string(code));
    }
};

Async<int> child(int v) {
    Tracer t(v);
    if (v < 0) throw std::invalid_argument("negative");
    await(Tick());
    return v;
}

Async<int> catches(int n) {
    Tracer outer(1);
    int got = 0;
    try {
        Tracer in_try(2);
        got = await(YieldOnce<int>(n));
        int x = await(Explodes{n});
        std::printf("not reached %d\n", x);
    } catch (const std::runtime_error& e) {
        std::printf("caught: %s\n", e.what());
        got += 100;
    }
    for (int i = 0; i < 2; ++i) {
        try {
            Tracer loop(10 + i);
            got += await(child(i - 1));
        } catch (const std::invalid_argument&) {
            std::printf("caught negative at %d\n", i);
        }
    }
    try {
        try {
            await(Tick());
            throw std::logic_error("inner");
        } catch (const std::logic_error& e) {
            std::printf("inner caught %s, rethrowing\n", e.what());
            throw;
        }
    } catch (const std::exception& e) {
        std::printf("outer caught %s\n", e.what());
    }
    return got;
}

Async<int> escapes(int n) {
    Tracer a(20);
    await(Tick());
    Tracer b(21);
    int v = await(Explodes{n});
    return v;
}

int main() {
    std::printf("catches: %d\n", block_on(catches(5)));
    try {
        block_on(escapes(7));
    } catch (const std::runtime_error& e) {
        std::printf("escaped: %s\n", e.what());
    }
#if defined(STACKLESS_ORACLE)
    // What the lowered program prints: the future is polled by hand.
    std::printf("ctor 20\nctor 21\ndtor 21\ndtor 20\npoisoned: logic_error\n");
#else
    auto f = escapes(8);
    stackless::Waker w = stackless::Waker::noop();
    stackless::Context cx(w);
    try {
        while (f.poll(cx).is_pending()) {}
    } catch (const std::runtime_error&) {
    }
    try {
        (void)f.poll(cx);
    } catch (const std::logic_error&) {
        std::printf("poisoned: logic_error\n");
    }
#endif
}
