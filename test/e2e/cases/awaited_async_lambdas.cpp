// An async lambda awaited inside an async function (the talk's
// `async { ... }.await`): its class goes before the enclosing function's
// class, so the enclosing state keeps its future in place, with no box
// and no allocation. Named or called where written; generators and
// streams alike; in join; inside an async lambda of ordinary code.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<int> child(int x) {
    await(YieldOnce<int>(x));
    return x * 2;
}

Async<int> called_where_written(int k) {
    int a = await([k]() -> Async<int> {
        int v = await(child(k));
        return v + 1;
    }());
    std::printf("a %d\n", a);
    // By reference: it changes the enclosing function's local.
    int total = 10;
    await([&]() -> Async<void> {
        for (int i = 0; i < 3; ++i) total += await(child(i));
    }());
    std::printf("total %d\n", total);
    // A traced capture, moved into the future: destroyed with it, after the await.
    int id = await([t = Tracer(7)]() -> Async<int> {
        await(Tick(2));
        std::printf("inside, holding %d\n", t.id);
        return t.id;
    }());
    std::printf("id %d\n", id);
    return a + total + id;
}

Async<int> named(std::string tag) {
    auto twice = [&tag](int d) -> Async<int> {
        int v = await(child(d));
        return v + static_cast<int>(tag.size());
    };
    int a = await(twice(1));  // twice is used again after this await
    tag += "!";
    int b = await(twice(2));
    auto once = [a, b]() -> Async<int> { return await(child(a + b)); };
    auto fut = once();  // a named future of the lambda, kept across awaits
    await(Tick());
    int c = await(fut);
    auto [x, y] = await(join(twice(3), child(4)));
    std::printf("named %d %d %d %d %d\n", a, b, c, x, y);
    return a + b + c + x + y;
}

// Called by name, the lambda's future refers to the closure's captures, as
// its body would: nothing is copied, and what one call changes (a mutable
// member) the next one sees.
struct Hits {
    mutable int n = 0;
    int bump() const { return ++n; }
};
Async<int> by_name() {
    Tracer t(9);
    auto lam = [t, h = Hits()]() -> Async<int> {
        await(Tick());
        return t.id * 100 + h.bump();
    };
    int a = await(lam());
    int b = await(lam());
    std::printf("by name %d %d\n", a, b);
    return a + b;
}

// Kept across an await, a named lambda is made by a function (its type
// named there): its captures are still initialized in order.
static int ids = 0;
int next_id() { return ++ids; }
Async<int> capture_order() {
    auto lam = [a = next_id(), b = next_id(), t = Tracer(20)]() -> Async<int> {
        await(Tick());
        return a * 10 + b + t.id;
    };
    await(Tick());
    int first = await(lam());
    return first + await(lam());
}

// A generator lambda and a stream lambda whose objects are kept across
// awaits. (The oracle runs generators eagerly into one list per thread,
// so each is consumed by code that does not yield itself.)
Async<int> consumed(std::vector<int> xs) {
    auto doubled = [&xs]() -> Generator<int> {
        for (int x : xs) yield(x * 2);
    };
    int sum = 0;
    for (int v : doubled()) {
        await(Tick());
        sum += v;
    }
    for (int v : [n = static_cast<int>(xs.size())]() -> Generator<int> {
             for (int i = 0; i < n; ++i) yield(-i);
         }()) {
        sum += await(child(v));
    }
    auto inner = [n = static_cast<int>(xs.size())]() -> Stream<int> {
        for (int i = 0; i < n; ++i) {
            await(Tick());
            yield(i * 10);
        }
    };
    auto s = inner();
    while (auto v = await(next(s))) sum += *v + 1;
    return sum;
}

// In a member function: the lambda's class is a friend of the class, as
// the member's own class is (it reaches a private member through `self`).
class Shop {
    int stock_ = 3;
    static int price(int n) { return n * 5; }

public:
    Async<int> order(int n) {
        int paid = await([n, cost = price(n)]() -> Async<int> {
            await(Tick());
            return cost + n;
        }());
        Shop &self = *this;
        int left = await([&self, n]() -> Async<int> {
            await(Tick());
            self.stock_ -= n;
            return self.stock_;
        }());
        // Class members named without their class: qualified in the output.
        int again = await([n]() -> Async<int> {
            await(Tick());
            return price(n) + kFee;
        }());
        return paid * 100 + left + again * 10000;
    }
    static constexpr int kFee = 1;
};

int main() {
    std::printf("called %d\n", block_on(called_where_written(4)));
    std::printf("named %d\n", block_on(named("abc")));
    std::printf("by name %d\n", block_on(by_name()));
    std::printf("capture order %d\n", block_on(capture_order()));
    std::printf("consumed %d\n", block_on(consumed({1, 2, 3})));
    Shop shop;
    std::printf("order %d\n", block_on(shop.order(2)));
    // In an async lambda of ordinary code: the inner class goes inside it.
    auto outer = [](int base) -> Async<int> {
        int r = await([base]() -> Async<int> { return await(child(base)) + 1; }());
        return r * 10;
    };
    std::printf("outer %d\n", block_on(outer(5)));
}
