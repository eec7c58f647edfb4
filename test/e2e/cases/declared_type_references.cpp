// `auto g = nums(5);` deduces Generator<int> in the input and the lowered
// class in the output. Where a reference to the declared type binds to the
// variable (`int sum(Generator<int>& g)` called as `sum(g)`, `Stream<int>& r
// = s;`), the variable keeps the declared type (the type-erased owner, one
// allocation) so the program means what it says; elsewhere `auto` stays
// allocation-free. (Compared with a .expected file: the synchronous
// oracle's generators cannot be consumed out of creation order.)
#include "trace.hpp"
using namespace stackless;

Generator<int> nums(int n) {
    for (int i = 0; i < n; ++i) yield(i);
}

Stream<int> ticks(int n) {
    for (int i = 0; i < n; ++i) {
        await(YieldOnce<int>(i));
        yield(i * 10);
    }
}

Async<int> num(int v) { return await(YieldOnce<int>(v)); }

int sum(Generator<int>& g) {
    int s = 0;
    for (int x : g) s += x;
    return s;
}

template <class T>
T tsum(Generator<T>& g) {  // a template's parameter, as written
    T s = 0;
    for (T x : g) s += x;
    return s;
}

Async<int> drain(Stream<int>& s) {
    int t = 0;
    while (auto v = await(next(s))) t += *v;
    return t;
}

int finish(Async<int>& a) { return block_on(std::move(a)); }

Async<int> inside() {
    auto g = nums(4);   // kept across the await below
    auto s = ticks(3);
    int a = sum(g);
    int b = await(drain(s));
    auto h = nums(3);   // not kept: declared as written
    int c = sum(h);
    return a + b + 100 * c;
}

int main() {
    auto g = nums(5);
    Generator<int>& r = g;
    auto a = num(9);
    auto plain = nums(3);  // no reference binds to it: stays the lowered class
    int p = 0;
    for (int x : plain) p += x;
    std::printf("sum %d\n", sum(r));
    std::printf("finish %d\n", finish(a));
    std::printf("inside %d\n", block_on(inside()));
    std::printf("plain %d\n", p);
    auto t = nums(4);
    std::printf("template %d\n", tsum(t));
    return 0;
}
