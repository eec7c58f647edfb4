// A local reached after a suspension point only through what a call
// returned: `View v = view_of(b);` (a pointer to its reference argument),
// `const Box *p = pick(a, b);`, `auto g = src.items();` (a generator of a
// member function keeps `this`). Without the callee's lifetimes, every
// argument a call takes by reference, and the object of a member call,
// escapes with the result (SPEC 2.9). They were once left on poll's stack.
#include "trace.hpp"
using namespace stackless;

struct Box { int v = 7; int get() const { return v; } };
struct View { const Box* b; };
View view_of(const Box& b) { return View{&b}; }
const Box* pick(const Box& a, const Box& b, bool first) { return first ? &a : &b; }

struct Source {
    int base = 100;
    Generator<int> items() {
        for (int i = 0; i < 3; ++i) yield(base + i);
    }
    Async<int> later() {
        await(YieldOnce<int>(0));
        return base * 2;
    }
};

Generator<int> views() {
    Box b;
    b.v = 8;
    View vw = view_of(b);
    yield(0);
    yield(vw.b->get());
}

Async<int> pointers(bool first) {
    Box a, b;
    a.v = await(YieldOnce<int>(3));
    b.v = 4;
    const Box* p = pick(a, b, first);
    await(YieldOnce<int>(0));
    return p->get();
}

Async<int> members() {
    Source src;
    src.base = await(YieldOnce<int>(200));
    auto g = src.items();
    auto f = src.later();
    await(YieldOnce<int>(0));
    int s = 0;
    for (int x : g) s += x;
    return s + await(f);
}

int main() {
    for (int x : views()) std::printf("view %d\n", x);
    std::printf("pick %d %d\n", block_on(pointers(true)), block_on(pointers(false)));
    std::printf("members %d\n", block_on(members()));
}
