// A chain of member calls whose object and arguments both await
// (`b.add(await(x)).add(await(y))`, `(await(p()))->f(await(x))`): the object
// is evaluated (and kept) first, not the bound member function; also
// through a pointer to a member function (`(a.*add)(await(x))`).
#include "trace.hpp"
#include <memory>
#include <optional>
using namespace stackless;
struct Acc {
    int total = 0;
    Acc& add(int x) { total = total * 10 + x; return *this; }
    Acc* self() { return this; }
    int get() const { return total; }
};
struct Holder { Acc acc; Acc* operator->() { return &acc; } };
using AddFn = Acc& (Acc::*)(int);
Async<Acc*> getp(Acc* p) { await(Tick()); return p; }
Async<int> go() {
    Acc a;
    a.add(await(YieldOnce<int>(1))).add(await(YieldOnce<int>(2)));
    (await(getp(&a)))->add(await(YieldOnce<int>(3)));
    await(getp(&a))->add(4).add(await(YieldOnce<int>(5)));
    int g = a.add(await(YieldOnce<int>(6))).get();
    AddFn add = &Acc::add;
    (a.*add)(await(YieldOnce<int>(0)));
    Acc* pa = &a;
    (pa->*add)(await(YieldOnce<int>(0)));
    g = g * 100 + a.get() % 100;
    Tracer t(await(YieldOnce<int>(a.get() % 7)));
    return g + a.add(await(YieldOnce<int>(7))).get() + t.id;
}
// Through an overloaded `->` (std::optional, std::unique_ptr), before an
// await of the same call: the pointer it returns is kept.
Async<int> arrows() {
    std::optional<Acc> o = Acc{};
    auto p = std::make_unique<Acc>();
    std::printf("%d %d\n", o->add(1).get(), await(YieldOnce<int>(2)));
    int r = p->add(3).get() + await(YieldOnce<int>(4)) + o->total;
    std::printf("%d %d\n", o->total, await(YieldOnce<int>(5)));
    p->add(await(YieldOnce<int>(6)));
    return r + p->total;
}
int main() {
    std::printf("%d\n", block_on(go()));
    std::printf("%d\n", block_on(arrows()));
}
