// SPEC 2.5 and 2.8: polling a completed future, or moving one after its first
// poll, is a checked error (std::logic_error), never undefined behaviour.
#include <stdexcept>
#include <utility>
#include "trace.hpp"
using namespace stackless;

Async<int> answer() {
    await(Tick());
    return 42;
}

int main() {
    stackless::Waker w = stackless::Waker::noop();
    stackless::Context cx(w);
#if defined(STACKLESS_ORACLE)
    // The oracle has no state machine to misuse: print what the lowered
    // program must print.
    std::printf("42\npoll after ready: logic_error\nmoved before poll: ok\n"
                "move after poll: logic_error\n");
    (void)cx;
#else
    auto f = answer();
    int polls = 0;
    std::printf("%d\n", drive(f, &polls));
    try {
        (void)f.poll(cx);
        std::printf("poll after ready: no error\n");
    } catch (const std::logic_error&) {
        std::printf("poll after ready: logic_error\n");
    }

    auto g = answer();
    auto moved = std::move(g);  // allowed: not polled yet
    std::printf("moved before poll: %s\n", drive(moved) == 42 ? "ok" : "wrong");

    auto h = answer();
    (void)h.poll(cx);           // now it may point into itself
    try {
        auto bad = std::move(h);
        (void)bad;  // (its type may be trivially destructible: g++ would call it unused)
        std::printf("move after poll: no error\n");
    } catch (const std::logic_error&) {
        std::printf("move after poll: logic_error\n");
    }
#endif
}
