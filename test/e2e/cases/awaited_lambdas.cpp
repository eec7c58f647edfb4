// A lambda held by the awaited future: `await(poll_fn([&](Context &cx) {...}))`
// (SPEC 3), a lambda passed to an async function template, join of such a
// future, a variable holding one; in an async lambda too. The state keeps the future in place; its type holds the lambda's,
// which the generated class names through a function that makes the lambda.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<int> child(int x) {
    await(YieldOnce<int>(x));
    return x * 2;
}

// Counts its own polls: Pending until the n-th.
Async<int> count_polls(int n) {
    int polls = 0;
    int v = await(poll_fn([&](Context& cx) -> Poll<int> {
        if (++polls < n) {
            cx.waker().wake_by_ref();
            return Poll<int>::pending();
        }
        return Poll<int>::ready(polls * 10);
    }));
    std::printf("count_polls %d after %d polls\n", v, polls);
    return v + polls;
}

// A new future each iteration, capturing the loop variable by copy; state in
// a mutable by-copy capture.
Async<int> in_a_loop(int rounds) {
    int total = 0;
    std::vector<int> seen;
    for (int i = 0; i < rounds; ++i) {
        total += await(poll_fn([i, &seen, left = 2](Context& cx) mutable -> Poll<int> {
            if (left-- > 0) {
                cx.waker().wake_by_ref();
                return Poll<int>::pending();
            }
            seen.push_back(i);
            return Poll<int>::ready(i * i);
        }));
    }
    std::printf("in_a_loop saw %zu\n", seen.size());
    return total;
}

// Beside another await in the same expression, and in join.
Async<int> with_others(int k) {
    int a = await(poll_fn([k](Context&) { return Poll<int>::ready(k + 1); })) + await(child(k));
    auto [b, c] = await(join(poll_fn([&a](Context& cx) -> Poll<int> {
                                 if (a % 2 == 0) {
                                     ++a;
                                     cx.waker().wake_by_ref();
                                     return Poll<int>::pending();
                                 }
                                 return Poll<int>::ready(a);
                             }),
                             child(a)));
    std::printf("with_others %d %d %d\n", a, b, c);
    return a + b + c;
}

// A traced capture: the closure is a temporary of the statement (it lives
// until the statement ends, across the await); poll_fn keeps a moved copy.
Async<int> traced_capture() {
    int got = await(poll_fn([t = Tracer(5)](Context& cx) mutable -> Poll<int> {
        if (t.id == 5) {
            t.id = 6;  // (what the next poll sees)
            std::printf("first poll\n");
            cx.waker().wake_by_ref();
            return Poll<int>::pending();
        }
        return Poll<int>::ready(t.id);
    }));
    std::printf("traced_capture got %d\n", got);
    return got;
}

// A lambda given to an async function template: its future's type is
// apply_async's class for the lambda's type.
template <class F>
Async<int> apply_async(F f, int x) {
    int y = await(child(x));
    return f(y);
}

Async<int> through_template(int k) {
    std::string tag = "ab";
    int r = await(apply_async([k, &tag](int y) { return y + k + static_cast<int>(tag.size()); }, 3));
    std::printf("through_template %d\n", r);
    return r;
}

// In a function template, and in a member function (the lambda uses a
// member through `this`).
template <class T>
Async<T> doubled(T v) {
    return await(poll_fn([v](Context&) { return Poll<T>::ready(v + v); }));
}

struct Gate {
    int limit;
    int opened = 0;
    Async<int> pass(int n) {
        int tries = 0;
        await(poll_fn([&](Context& cx) -> Poll<void> {
            if (++tries < limit) {
                cx.waker().wake_by_ref();
                return Poll<void>::pending();
            }
            ++opened;
            return Poll<void>::ready();
        }));
        return n + tries + opened;
    }
};

// Named: a variable whose type holds a lambda, kept across awaits.
Async<int> named_poll_fn(int n) {
    int polls = 0;
    auto f = poll_fn([&polls, n](Context& cx) -> Poll<int> {
        if (++polls < n) {
            cx.waker().wake_by_ref();
            return Poll<int>::pending();
        }
        return Poll<int>::ready(polls);
    });
    int before = await(child(1));
    int v = await(f);
    auto both = join(poll_fn([v](Context&) { return Poll<int>::ready(v * 2); }), child(v));
    await(Tick(1));
    auto [a, b] = await(std::move(both));
    std::printf("named_poll_fn %d %d %d %d %d\n", before, v, a, b, polls);
    return before + v + a + b + polls;
}

// Inside an async lambda of ordinary code, whose class is local to the
// lambda's body (the lambdas are made by a local struct's member there).
int in_async_lambda(int t) {
    int polls = 0;
    auto task = [&polls, t]() -> Async<int> {
        int mine = 0;
        int v = await(poll_fn([&](Context& cx) -> Poll<int> {
            ++polls;
            if (++mine < 3) {
                cx.waker().wake_by_ref();
                return Poll<int>::pending();
            }
            return Poll<int>::ready(mine + t);
        }));
        auto f = poll_fn([v](Context&) { return Poll<int>::ready(v * 10); });
        int w = await(child(v));
        int x = await(f);
        std::printf("in_async_lambda %d %d %d\n", v, w, x);
        return v + w + x;
    };
    return block_on(task()) + polls;
}

// A named lambda kept across awaits inside an async lambda.
int named_in_async_lambda(int base) {
    auto task = [&base](int k) -> Async<int> {
        int total = 0;
        auto add = [&total, k](int x) { total += x + k; };
        add(await(child(1)));
        add(await(child(2)));
        return total + base;
    };
    return block_on(task(10));
}

// Captured by copy: copied once, in capture order, as the lambda written
// there copies (the closure is then moved into poll_fn: no more copies).
// An array captured by copy stays an array.
Async<int> copies() {
    Tracer a(21), b(22);
    int arr[3] = {1, 2, 3};
    int got = await(poll_fn([a, b, arr](Context&) {
        return Poll<int>::ready(a.id + b.id + static_cast<int>(sizeof(arr)) + arr[2]);
    }));
    int changed = await(poll_fn([arr](Context&) mutable {
        arr[0] = 100;
        return Poll<int>::ready(arr[0]);
    }));
    std::printf("copies %d %d arr0=%d\n", got, changed, arr[0]);
    return got;
}

// A named lambda given to poll_fn and to an async function template (by
// forwarding reference: the future refers to it), and such a future kept.
template <class F>
Async<int> call_twice(F&& f) {
    await(YieldOnce<int>(0));
    return f(1) + f(2);
}

Async<int> named_lambdas(int k) {
    auto step = [k](Context&) { return Poll<int>::ready(k); };
    int a = await(poll_fn(step));
    auto sq = [](int i) { return i * i; };
    int b = await(call_twice(sq));
    auto fut = call_twice(sq);
    await(Tick(1));
    int c = await(fut);
    std::printf("named_lambdas %d %d %d\n", a, b, c);
    return a + b + c;
}

// An init-capture of an async lambda, used by a poll_fn lambda inside it.
int init_capture_inside(int hits) {
    auto l = [h = hits]() -> Async<int> {
        return await(poll_fn([&](Context&) { return Poll<int>::ready(h * 2); }));
    };
    return block_on(l());
}

// Defined outside its namespace, with a using-declaration in the body:
// the lambda, made outside the function, still finds both names.
namespace lib {
inline int twice(int x) { return 2 * x; }
}  // namespace lib
namespace app {
inline int helper(int x) { return x + 1; }
Async<int> outside(int k);
}  // namespace app
Async<int> app::outside(int k) {
    using lib::twice;
    int v = await(poll_fn([&](Context&) { return Poll<int>::ready(twice(helper(k))); }));
    return v;
}

// In an async lambda of an async member function (its class is written
// before the member's class): the poll_fn lambda reads a private member.
class Wallet {
    int cents_ = 250;

public:
    Async<int> balance() {
        Wallet& self = *this;
        auto job = [&self]() -> Async<int> {
            return await(poll_fn([&](Context&) { return Poll<int>::ready(self.cents_); }));
        };
        int r = await(job());
        return r;
    }
};

int main() {
    std::printf("%d\n", block_on(count_polls(3)));
    std::printf("%d\n", block_on(in_a_loop(4)));
    std::printf("%d\n", block_on(with_others(4)));
    std::printf("%d\n", block_on(traced_capture()));
    std::printf("%d\n", block_on(through_template(5)));
    std::printf("%d %s\n", block_on(doubled(21)), block_on(doubled(std::string("ab"))).c_str());
    Gate g{3};
    std::printf("%d\n", block_on(g.pass(1)));
    std::printf("%d\n", block_on(g.pass(2)));
    std::printf("%d\n", block_on(named_poll_fn(3)));
    std::printf("%d\n", in_async_lambda(4));
    std::printf("%d\n", named_in_async_lambda(1));
    std::printf("%d\n", block_on(copies()));
    std::printf("%d\n", block_on(named_lambdas(7)));
    std::printf("%d\n", init_capture_inside(4));
    std::printf("%d\n", block_on(app::outside(4)));
    Wallet w;
    std::printf("%d\n", block_on(w.balance()));
}
