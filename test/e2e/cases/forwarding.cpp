// Functions declared to return Async<T>, Generator<Y> or Stream<T> that do
// not await or yield but hand on another future, generator or stream are
// ordinary C++: they return it boxed (the declared types are type-erased
// owners), and are left as written. A `?:` between two such calls gets one
// type again (each side boxed: e2e choices).
#include <string>
#include "trace.hpp"
using namespace stackless;

Async<int> fast() { return 1; }

Async<int> slow() {
    await(YieldOnce<int>(0));
    return 2;
}

Async<int> make(bool quick) {
    if (quick) return fast();
    return slow();
}

Async<int> pick(bool quick) { return quick ? fast() : slow(); }

Async<int> five() { return ready(5); }

Generator<int> up(int n) {
    for (int i = 0; i < n; ++i) yield(i);
}

Generator<int> down(int n) {
    for (int i = n; i > 0; --i) yield(i);
}

Generator<int> ordered(bool ascending, int n) {
    if (ascending) return up(n);
    return down(n);
}

Generator<int> choose(bool ascending) { return ascending ? up(2) : down(2); }

Stream<std::string> words() {
    await(YieldOnce<int>(0));
    yield(std::string("alpha"));
    yield(std::string("beta"));
}

struct Source {
    Stream<std::string> items() { return words(); }
};

Async<int> user() {
    int a = await(make(true));
    int b = await(make(false));
    int c = await(pick(false));
    int d = await(five());
    Source src;
    auto s = src.items();
    int letters = 0;
    while (auto w = await(next(s))) letters += static_cast<int>(w->size());
    return a + 10 * b + 100 * c + 1000 * d + 10000 * letters;
}

int main() {
    for (int v : ordered(false, 3)) std::printf("ordered %d\n", v);
    for (int v : choose(true)) std::printf("choose %d\n", v);
    std::printf("user %d\n", block_on(user()));
    return 0;
}
