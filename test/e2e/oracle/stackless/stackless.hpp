// The synchronous oracle: a stand-in for <stackless/stackless.hpp> used only
// by the end-to-end tests. The same test program, compiled against this
// header without the tool, runs every async function eagerly and makes
// `await(f)` drive f to completion inline. Its output is what the lowered
// program must print.
#pragma once

#define STACKLESS_ORACLE 1

#include <optional>
#include <type_traits>
#include <utility>

namespace stackless {

template <class T>
class Poll {
public:
    static Poll ready(T v) { Poll p; p.value_.emplace(std::move(v)); return p; }
    static Poll pending() { return Poll(); }
    bool is_ready() const { return value_.has_value(); }
    bool is_pending() const { return !value_.has_value(); }
    T& value() { return *value_; }
private:
    std::optional<T> value_;
};

template <>
class Poll<void> {
public:
    static Poll ready() { Poll p; p.ready_ = true; return p; }
    static Poll pending() { return Poll(); }
    bool is_ready() const { return ready_; }
    bool is_pending() const { return !ready_; }
private:
    bool ready_ = false;
};

class Waker {
public:
    static Waker noop() { return Waker(); }
    void wake() const {}
    void wake_by_ref() const {}
};

class Context {
public:
    explicit Context(const Waker& w) : waker_(&w) {}
    const Waker& waker() const { return *waker_; }
private:
    const Waker* waker_;
};

template <class F>
using future_output_t = typename std::decay_t<F>::Output;

/// In the oracle an async function has already run when it returns.
template <class T>
struct Async {
    using Output = T;
    Async(T v) : value(std::move(v)) {}
    Poll<T> poll(Context&) { return Poll<T>::ready(std::move(value)); }
    T value;
};

template <>
struct Async<void> {
    using Output = void;
    Poll<void> poll(Context&) { return Poll<void>::ready(); }
};

template <class F>
future_output_t<F> await(F&& f) {
    Waker w = Waker::noop();
    Context cx(w);
    for (;;) {
        auto p = f.poll(cx);
        if (p.is_ready()) {
            if constexpr (std::is_void_v<future_output_t<F>>) return;
            else return std::move(p.value());
        }
    }
}

template <class F>
future_output_t<F> block_on(F&& f) { return await(std::forward<F>(f)); }

}  // namespace stackless
