// Test futures and traced objects shared by the end-to-end test programs.
// Written against the runtime contract only, so the same program compiles
// with the real runtime (after lowering) and with the synchronous oracle.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

#include <stackless/stackless.hpp>

/// Prints its construction and destruction; moves are not events (SPEC 2.3),
/// so a moved-from Tracer prints nothing when it dies.
struct Tracer {
    int id;
    explicit Tracer(int i) : id(i) { std::printf("ctor %d\n", id); }
    Tracer(const Tracer& o) : id(o.id) { std::printf("copy %d\n", id); }
    Tracer(Tracer&& o) noexcept : id(o.id) { o.id = -1; }
    Tracer& operator=(const Tracer&) = delete;
    ~Tracer() {
        if (id >= 0) std::printf("dtor %d\n", id);
    }
};

/// The corpus leaf future: Pending once (waking itself), then Ready(value).
template <class T = int>
struct YieldOnce {
    using Output = T;
    T value;
    bool yielded = false;
    explicit YieldOnce(T v) : value(std::move(v)) {}
    stackless::Poll<T> poll(stackless::Context& cx) {
        if (yielded) return stackless::Poll<T>::ready(std::move(value));
        yielded = true;
        cx.waker().wake_by_ref();
        return stackless::Poll<T>::pending();
    }
};

/// A void future that is Pending `n` times.
struct Tick {
    using Output = void;
    int left;
    explicit Tick(int n = 1) : left(n) {}
    stackless::Poll<void> poll(stackless::Context& cx) {
        if (left == 0) return stackless::Poll<void>::ready();
        --left;
        cx.waker().wake_by_ref();
        return stackless::Poll<void>::pending();
    }
};

/// A future that is itself a traced object.
struct TracedFuture {
    using Output = int;
    Tracer t;
    int value;
    bool yielded = false;
    TracedFuture(int id, int v) : t(id), value(v) {}
    stackless::Poll<int> poll(stackless::Context& cx) {
        if (yielded) return stackless::Poll<int>::ready(value);
        yielded = true;
        cx.waker().wake_by_ref();
        return stackless::Poll<int>::pending();
    }
};

/// Polls f until Ready with a no-op waker, counting the polls.
template <class F>
auto drive(F& f, int* polls = nullptr) {
    stackless::Waker w = stackless::Waker::noop();
    stackless::Context cx(w);
    for (int n = 1;; ++n) {
        auto p = f.poll(cx);
        if (p.is_ready()) {
            if (polls) *polls = n;
            if constexpr (std::is_void_v<typename F::Output>) return;
            else return std::move(p.value());
        }
    }
}
