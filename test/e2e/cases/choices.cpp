// `c ? f() : g()` between two async functions (or generators, or streams):
// in the output f() and g() return different generated classes, so each
// side is boxed (one allocation) and the choice has one type again, in an
// async body, in ordinary code, in templates, in members, in lambdas. A
// choice between calls to the same function keeps its one class; a choice
// whose side awaits is lowered to a temporary of the choice's type.
#include <string>
#include "trace.hpp"
using namespace stackless;

Async<int> one() { return await(YieldOnce<int>(1)); }
Async<int> two() {
    int x = await(YieldOnce<int>(2));
    return x;
}
Async<int> plus(int v) { return await(YieldOnce<int>(v)) + 100; }

Generator<int> evens(int n) {
    for (int i = 0; i < n; i += 2) yield(i);
}
Generator<int> odds(int n) {
    for (int i = 1; i < n; i += 2) yield(i);
}

Stream<int> countdown(int n) {
    for (int i = n; i > 0; --i) {
        await(YieldOnce<int>(0));
        yield(i);
    }
}
Stream<int> single(int v) {
    await(YieldOnce<int>(0));
    yield(v);
}

template <class T>
Async<T> tone() {
    return T(await(one()));
}
template <class T>
Async<T> ttwo() {
    return T(await(two()));
}
template <class T>
Async<T> tpick(bool c) {
    return await(c ? tone<T>() : ttwo<T>()) * 2;
}

struct Box {
    int k = 5;
    Async<int> a() { return await(YieldOnce<int>(k)); }
    Async<int> b() { return await(YieldOnce<int>(k + 1)); }
    Async<int> pick(bool c) {
        int r = await(c ? a() : b());
        return r + await(!c ? this->a() : b());
    }
};

Async<int> awaited(bool c) {
    int a = await(c ? one() : two());            // awaited where chosen
    auto f = c ? two() : one();                   // kept across an await
    int b = await(YieldOnce<int>(0)) + await(std::move(f));
    int d = await(c ? plus(1) : plus(2));         // one function: one class
    int e = await(c ? one() : plus(await(two())));  // a side that awaits
    int g = await(await(YieldOnce<bool>(c)) ? two() : one());  // a condition that awaits
    return a + 10 * b + 100 * d + 1000 * e + 100000 * g;
}

Async<std::string> consume(bool c) {
    std::string out;
    for (int x : c ? evens(7) : odds(7)) out += std::to_string(x);
    auto s = c ? countdown(3) : single(9);
    while (auto v = await(next(s))) out += "," + std::to_string(*v);
    return out;
}

// A side that throws: it has no value to store.
Async<int> or_throw(bool c) { return c ? await(YieldOnce<int>(7)) : throw std::string("no value"); }

int main() {
    for (bool c : {true, false}) {
        try {
            std::printf("or_throw %d\n", block_on(or_throw(c)));
        } catch (const std::string& e) {
            std::printf("or_throw threw %s\n", e.c_str());
        }
        Box box;
        std::printf("awaited %d\n", block_on(awaited(c)));
        std::printf("template %ld\n", static_cast<long>(block_on(tpick<long>(c))));
        std::printf("member %d\n", block_on(box.pick(c)));
        std::printf("consume %s\n", block_on(consume(c)).c_str());
        // Ordinary code: a local, a range-for, a lambda, an async lambda.
        auto f = c ? one() : two();
        int sum = 0;
        for (int x : c ? evens(5) : odds(5)) sum += x;
        auto lam = [](bool d) { return d ? one() : two(); };
        auto inner = [](bool d) -> Async<int> { return await(d ? one() : two()) + 10; };
        std::printf("ordinary %d %d %d %d\n", block_on(std::move(f)), sum, block_on(lam(!c)),
                    block_on(inner(c)));
    }
    return 0;
}
