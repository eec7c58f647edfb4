// await in the init-statement of an if/switch/for/range-for (the last is
// C++20, lowered to C++17), in a for loop's increment (where `continue`
// goes) and in a range-for's range expression (SPEC 2.7). The
// init-statement's variables live to the end of the statement; a range
// expression's temporary lives to the end of the loop.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "trace.hpp"
using namespace stackless;

static std::vector<int> numbers(int n) {
    std::vector<int> v;
    for (int i = 1; i <= n; ++i) v.push_back(i * i);
    return v;
}

struct TracedList {
    Tracer t;
    std::vector<int> items;
    TracedList(int id, std::vector<int> xs) : t(id), items(std::move(xs)) {}
    std::vector<int>::const_iterator begin() const { return items.begin(); }
    std::vector<int>::const_iterator end() const { return items.end(); }
};

Async<TracedList> fetch_list(int id, int n) {
    await(Tick());
    return TracedList(id, numbers(n));
}

Async<int> if_init(int i) {
    int s = 0;
    if (int v = await(YieldOnce<int>(i)); v > 2) {
        s += await(YieldOnce<int>(v * 10));
    } else {
        s -= v;
    }
    if (Tracer t(i); await(YieldOnce<bool>(i % 2 == 0))) {
        std::printf("even %d\n", t.id);
        await(Tick());
    } else {
        std::printf("odd %d\n", t.id);
    }
    std::printf("after if\n");
    if (s += await(YieldOnce<int>(5)); s > 20)
        s *= 2;
    if (auto p = std::make_unique<Tracer>(100 + i); p->id > 101)
        s += await(YieldOnce<int>(p->id));
    return s;
}

Async<int> switch_init(int i) {
    int s = 0;
    switch (Tracer t(i); int v = await(YieldOnce<int>(i % 3))) {
    case 0:
        s = await(YieldOnce<int>(t.id));
        break;
    case 1:
        s = -t.id;
        break;
    default:
        await(Tick());
        s = v * 7;
    }
    return s;
}

Async<int> for_init_and_increment(int n) {
    int s = 0;
    for (int i = await(YieldOnce<int>(1)); i < n; i += await(YieldOnce<int>(2))) {
        if (i == 5) continue;
        s += i;
        if (i > 10) break;
    }
    for (Tracer t(7); s < 200; s += await(YieldOnce<int>(t.id)))
        s *= 2;
    int k = 0;
    for (; k < 3; ++k, await(Tick()))
        s += k;
    return s + k;
}

Async<int> range_expression(int n) {
    int s = 0;
    for (int x : await(YieldOnce<std::vector<int>>(numbers(n)))) s += x;
    for (int x : await(fetch_list(1, n))) {
        std::printf("item %d\n", x);
        s += await(YieldOnce<int>(x));
    }
    std::printf("after loop\n");
    for (int x : await(fetch_list(2, n))) s -= x;
    for (auto xs = await(fetch_list(3, 2)); int x : xs.items) {
        await(Tick());
        s += x;
    }
    return s;
}

Async<std::array<int, 3>> triple(int k) {
    await(Tick());
    return {k, k + 1, k + 2};
}
static int countdown(int i) { return 5 - i; }

Async<int> mixed() {
    int s = 0;
    // The range is a temporary the loop keeps: its iterators point into it.
    for (int x : await(triple(4))) s += await(YieldOnce<int>(x));
    for (int x : await(YieldOnce<bool>(s > 10)) ? numbers(2) : numbers(3)) s += x;
    if (int a = await(YieldOnce<int>(3)); int b = a + 1) s += b * 100;
    for (int i = 0; int v = countdown(i); i += await(YieldOnce<int>(1))) {
        s += v;
        if (v == 3) continue;
        for (int j = 0; j < 3; j += await(YieldOnce<int>(1))) {
            if (j == 1) continue;
            s += j * 1000;
        }
    }
    int w = 0;
    while (w < 3) {
        for (int j = 0; j < 3; ++j, await(Tick())) {
            if (j == 1) continue;
            s += j;
        }
        if (++w == 2) continue;
    }
    return s;
}

int main() {
    for (int i = 0; i < 5; ++i) std::printf("if %d\n", block_on(if_init(i)));
    for (int i = 0; i < 4; ++i) std::printf("switch %d\n", block_on(switch_init(i)));
    std::printf("for %d\n", block_on(for_init_and_increment(14)));
    std::printf("for %d\n", block_on(for_init_and_increment(3)));
    std::printf("range %d\n", block_on(range_expression(3)));
    std::printf("mixed %d\n", block_on(mixed()));
}
