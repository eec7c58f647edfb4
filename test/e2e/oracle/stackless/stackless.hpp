// The synchronous oracle: a stand-in for <stackless/stackless.hpp> used only
// by the end-to-end tests. The same test program, compiled against this
// header without the tool, runs every async function eagerly and makes
// `await(f)` drive f to completion inline. Its output is what the lowered
// program must print.
#pragma once

#define STACKLESS_ORACLE 1

#include <any>
#include <initializer_list>
#include <deque>
#include <iterator>
#include <optional>
#include <type_traits>
#include <utility>
#include <tuple>
#include <variant>
#include <vector>

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
    static const Waker& noop() { static const Waker w; return w; }
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
    // `return x;` of a type converting to T (`return 1;` in Async<std::optional<int>>).
    template <class U, std::enable_if_t<!std::is_same_v<std::decay_t<U>, Async> &&
                                            !std::is_same_v<std::decay_t<U>, T> &&
                                            std::is_convertible_v<U, T>, int> = 0>
    Async(U&& u) : value(std::forward<U>(u)) {}
    // Braced returns: `return {};`, `return {1, 2, 3};`, `return {a, b};`.
    Async() : value() {}
    template <class E, std::enable_if_t<std::is_constructible_v<T, std::initializer_list<E>>, int> = 0>
    Async(std::initializer_list<E> l) : value(l) {}
    template <class... A, std::enable_if_t<(sizeof...(A) > 1) && std::is_constructible_v<T, A...>, int> = 0>
    Async(A&&... a) : value(std::forward<A>(a)...) {}
    // An aggregate: `return {3, 1.5};`.
    template <class... A, std::enable_if_t<(sizeof...(A) > 1) && !std::is_constructible_v<T, A...> &&
                                               std::is_aggregate_v<T>, int> = 0>
    Async(A&&... a) : value{std::forward<A>(a)...} {}
    // `return {"a"};` of a container of T's elements.
    template <class L = T, class E = typename L::value_type,
              std::enable_if_t<std::is_constructible_v<L, std::initializer_list<E>>, int> = 0>
    Async(std::initializer_list<typename L::value_type> l, int = 0) : value(l) {}
    // A future (Async<T> boxes one): in the oracle, driven now.
    template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, Async> &&
                                            !std::is_convertible_v<F, T> &&
                                            std::is_same_v<typename std::decay_t<F>::Output, T>, int> = 0>
    Async(F&& f);
    Poll<T> poll(Context&) { return Poll<T>::ready(std::move(value)); }
    T value;
};

template <>
struct Async<void> {
    using Output = void;
    Poll<void> poll(Context&) { return Poll<void>::ready(); }
};


/// boxed(f): in the oracle, an Async<T> holding f's value.
template <class F>
future_output_t<F> await(F&& f);
template <class F>
Async<future_output_t<F>> boxed(F f) {
    if constexpr (std::is_void_v<future_output_t<F>>) { await(f); return Async<void>{}; }
    else return Async<future_output_t<F>>(await(f));
}

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

template <class T>
template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, Async<T>> &&
                                        !std::is_convertible_v<F, T> &&
                                        std::is_same_v<typename std::decay_t<F>::Output, T>, int>>
Async<T>::Async(F&& f) : value(await(f)) {}

template <class F>
future_output_t<F> block_on(F&& f) { return await(std::forward<F>(f)); }

/// join(f...): each future driven in turn (the oracle has no interleaving).
template <class T>
struct Ready {
    using Output = T;
    T value;
    Poll<T> poll(Context&) { return Poll<T>::ready(std::move(value)); }
};
template <class F>
auto drive_to_value(F& f) {
    if constexpr (std::is_void_v<future_output_t<F>>) { await(f); return std::monostate{}; }
    else return await(f);
}
template <class T>
Ready<T> ready(T v) { return Ready<T>{std::move(v)}; }

/// pending<T>(): never ready.
template <class T>
struct Pending {
    using Output = T;
    Poll<T> poll(Context&) { return Poll<T>::pending(); }
};
template <class T>
Pending<T> pending() { return Pending<T>{}; }

/// poll_fn(c): a future whose poll is c(cx), driven like any other.
template <class P>
struct poll_fn_output;
template <class T>
struct poll_fn_output<Poll<T>> { using type = T; };
template <class C>
struct PollFn {
    using Output = typename poll_fn_output<std::invoke_result_t<C&, Context&>>::type;
    C callable;
    Poll<Output> poll(Context& cx) { return callable(cx); }
};
template <class C>
PollFn<std::decay_t<C>> poll_fn(C&& c) { return PollFn<std::decay_t<C>>{std::forward<C>(c)}; }

template <class... F>
auto join(F... fs) {
    using Tuple = std::tuple<decltype(drive_to_value(fs))...>;
    return Ready<Tuple>{Tuple{drive_to_value(fs)...}};
}

/// select(a, b): in the oracle, a is driven to completion (as when a is
/// ready first; tests give the other side a future that finishes later).
template <class A, class B>
auto select(A a, B b) {
    using Variant = std::variant<decltype(drive_to_value(a)), decltype(drive_to_value(b))>;
    return Ready<Variant>{Variant(std::in_place_index<0>, drive_to_value(a))};
}

// ---- generators and streams ------------------------------------------------
// The body runs eagerly when the generator is called; each yield(v) appends v
// to a per-thread list, which the caller's first use of the result takes
// over. (The object itself may be left unconstructed when the body falls off
// its end, so it holds nothing: everything is per-thread. Tests therefore
// consume one generator before calling the next.)

namespace oracle_detail {
inline std::vector<std::any>& yielded() { static thread_local std::vector<std::any> v; return v; }
inline std::deque<std::any>& current() { static thread_local std::deque<std::any> q; return q; }
inline std::any& returned() { static thread_local std::any r; return r; }
inline void take_over() {
    if (yielded().empty()) return;
    for (auto& a : yielded()) current().push_back(std::move(a));
    yielded().clear();
}
}  // namespace oracle_detail

template <class Y>
void yield(Y&& v) { oracle_detail::yielded().push_back(std::any(std::decay_t<Y>(v))); }

template <class Y, class R = void>
class GeneratorState {
public:
    bool is_yielded() const { return y_.has_value(); }
    bool is_complete() const { return !y_.has_value(); }
    Y& yielded() { return *y_; }
    R& returned() { return *r_; }
    std::optional<Y> y_;
    std::optional<R> r_;
};
template <class Y>
class GeneratorState<Y, void> {
public:
    bool is_yielded() const { return y_.has_value(); }
    bool is_complete() const { return !y_.has_value(); }
    Y& yielded() { return *y_; }
    std::optional<Y> y_;
};

template <class Y, class R = void>
class Generator {
public:
    using Yield = Y;
    template <class U, class RR = R, std::enable_if_t<!std::is_void_v<RR>, int> = 0>
    Generator(U&& r) { oracle_detail::returned() = std::any(R(std::forward<U>(r))); }
    template <class RR = R, std::enable_if_t<!std::is_void_v<RR>, int> = 0>
    Generator() { oracle_detail::returned() = std::any(R()); }
    template <class... A, std::enable_if_t<(sizeof...(A) > 1) && std::is_constructible_v<R, A...>, int> = 0>
    Generator(A&&... a) { oracle_detail::returned() = std::any(R(std::forward<A>(a)...)); }
    template <class... A, std::enable_if_t<(sizeof...(A) > 1) && !std::is_constructible_v<R, A...> &&
                                               std::is_aggregate_v<R>, int> = 0>
    Generator(A&&... a) { oracle_detail::returned() = std::any(R{std::forward<A>(a)...}); }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Y;
        using difference_type = std::ptrdiff_t;
        using pointer = const Y*;
        using reference = Y;
        Y operator*() const { return std::any_cast<Y>(oracle_detail::current().front()); }
        iterator& operator++() { oracle_detail::current().pop_front(); return *this; }
        bool operator!=(const iterator&) const { return !oracle_detail::current().empty(); }
        bool operator==(const iterator& o) const { return !(*this != o); }
    };
    iterator begin() { oracle_detail::take_over(); return iterator(); }
    iterator end() { return iterator(); }

    GeneratorState<Y, R> resume() {
        oracle_detail::take_over();
        GeneratorState<Y, R> s;
        if (!oracle_detail::current().empty()) {
            s.y_.emplace(std::any_cast<Y>(oracle_detail::current().front()));
            oracle_detail::current().pop_front();
        } else if constexpr (!std::is_void_v<R>) {
            s.r_.emplace(std::any_cast<R>(oracle_detail::returned()));
        }
        return s;
    }
};

template <class T>
class Stream {
public:
    using Item = T;
    Poll<std::optional<T>> poll_next(Context&) {
        oracle_detail::take_over();
        if (oracle_detail::current().empty()) return Poll<std::optional<T>>::ready(std::nullopt);
        T v = std::any_cast<T>(oracle_detail::current().front());
        oracle_detail::current().pop_front();
        return Poll<std::optional<T>>::ready(std::optional<T>(std::move(v)));
    }
};

/// boxed(g) of a generator or a stream: in the oracle, the same object
/// (its items are already in the per-thread list).
template <class Y, class R>
Generator<Y, R> boxed(Generator<Y, R> g) { return g; }
template <class T>
Stream<T> boxed(Stream<T> s) { return s; }

template <class S>
struct Next {
    using Output = std::optional<typename S::Item>;
    S* s;
    Poll<Output> poll(Context& cx) { return s->poll_next(cx); }
};
template <class S>
Next<S> next(S& s) { return Next<S>{&s}; }

}  // namespace stackless
