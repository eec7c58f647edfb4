// Cancellation by destruction: dropping the future at a suspension point
// destroys exactly the live objects (locals and the awaited sub-future), in
// reverse order. The oracle cannot stop half-way, so the expected trace is
// written out in cancellation.expected.
#include "trace.hpp"
using namespace stackless;

Async<int> work(Tracer p) {
    Tracer a(1);
    await(Tick());                        // state 1: p, a
    {
        Tracer b(2);
        int v = await(TracedFuture(50, 5)); // state 2: p, a, b, the future (50)
        Tracer c(3);
        await(Tick());                    // state 3: p, a, b, c
        (void)v;
    }
    Tracer d(4);
    await(Tick());                        // state 4: p, a, d
    return p.id;
}

/// Polls a fresh future `polls` times, then drops it.
void cancel_after(int polls) {
    std::printf("-- cancel after %d poll(s)\n", polls);
    {
        auto f = work(Tracer(100));
        stackless::Waker w = stackless::Waker::noop();
        stackless::Context cx(w);
        for (int i = 0; i < polls; ++i)
            if (f.poll(cx).is_ready()) std::printf("ready\n");
        std::printf("drop\n");
    }
    std::printf("dropped\n");
}

int main() {
    for (int polls = 0; polls <= 5; ++polls) cancel_after(polls);
}
