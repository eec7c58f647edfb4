// A variable declared in an if/switch/while/for condition, used after an
// await in the statement (so kept across it) or only before it (a resume
// jump passes its declaration), or initialized by an await: created before
// the test, each iteration in a loop, and destroyed with its statement.
#include <memory>
#include <optional>
#include <string>

#include "trace.hpp"
using namespace stackless;

static int calls = 0;
static int next_value(int i) {  // 3, 2, 1, 0, 3, 2, 1, 0, ...
    ++calls;
    return 3 - i % 4;
}

Async<int> if_kept(int i) {
    int s = 0;
    if (int v = next_value(i)) {
        s += await(YieldOnce<int>(10));
        s += v;
    } else {
        s += await(YieldOnce<int>(20)) + v;
    }
    return s;
}

Async<int> if_only_before(int i) {
    int s = 0;
    if (int v = next_value(i)) {
        s += v;
        s += await(YieldOnce<int>(1));
    }
    return s;
}

Async<int> if_with_destructor(int i) {
    int s = 0;
    if (std::unique_ptr<Tracer> t = i > 0 ? std::make_unique<Tracer>(i) : nullptr) {
        await(Tick());
        s = t->id;
    }
    std::printf("after if\n");
    return s;
}

Async<int> switch_kept(int i) {
    int s = 0;
    switch (int v = next_value(i)) {
    case 3:
        s += await(YieldOnce<int>(300)) + v;
        break;
    case 2:
        await(Tick());
        s = v;
        break;
    default:
        s = -v;
    }
    return s;
}

Async<int> while_kept(int i) {
    int s = 0;
    while (int v = next_value(i++)) {
        await(Tick());
        s = s * 10 + v;
        if (v == 2) continue;
    }
    return s;
}

Async<int> for_kept(int n) {
    int s = 0;
    for (int i = 0; int v = next_value(i); ++i) {
        if (i >= n) break;
        s += await(YieldOnce<int>(v * 100));
        s += v;
    }
    return s;
}

// The condition's initializer awaits.
Async<int> if_awaits(int i) {
    if (int v = await(YieldOnce<int>(next_value(i)))) return v * 10;
    return -1;
}

Async<int> switch_awaits(int i) {
    switch (int v = await(YieldOnce<int>(next_value(i)))) {
    case 3:
        return await(YieldOnce<int>(v * 100));
    default:
        return v;
    }
}

Stream<int> countdown(int n) {
    while (n > 0) {
        await(Tick());
        yield(n--);
    }
}

Async<int> drain(int n) {
    auto s = countdown(n);
    int sum = 0;
    while (auto item = await(next(s))) sum = sum * 10 + *item;
    return sum;
}

Stream<std::string> words(int n) {
    for (int i = 0; i < n; ++i) yield(std::string(20, static_cast<char>('a' + i)));
}

// An item with a destructor, not kept across the body's await: a plain local
// of each iteration.
Async<std::size_t> drain_words(int n) {
    auto s = words(n);
    std::size_t total = 0;
    while (std::optional<std::string> w = await(next(s))) {
        total += w->size();
        await(Tick());
    }
    return total;
}

// A loop's variable with a destructor, kept across the body's await: each
// iteration (also one left by `continue`) destroys it; `break` and the
// failing test leave it to be destroyed after the loop.
Async<int> while_traced(int n) {
    int i = 0, s = 0;
    while (std::unique_ptr<Tracer> t = i < n ? std::make_unique<Tracer>(i) : nullptr) {
        ++i;
        await(Tick());
        if (t->id == 1) continue;
        if (t->id == 3) break;
        s += t->id;
    }
    std::printf("after while\n");
    return s;
}

// An if with an init-statement whose variable is kept across the await,
// alone and before a condition variable.
Async<int> if_init_kept(int i) {
    if (std::string s(20, 'x'); i > 0) {
        await(Tick());
        return static_cast<int>(s.size()) + i;
    }
    return -1;
}

Async<int> if_init_and_var(int i) {
    if (int k = next_value(i); int v = k * 2) {
        await(Tick());
        return v + k;
    }
    return 0;
}

Async<int> for_awaits(int n) {
    int s = 0;
    for (int i = 0; int v = await(YieldOnce<int>(i < n ? i + 1 : 0)); ++i) s += v;
    return s;
}

Generator<int> while_gen(int i) {
    while (int v = next_value(i++)) yield(v);
}

int main() {
    for (int i = 0; i < 4; ++i) {
        std::printf("if_kept(%d) = %d\n", i, block_on(if_kept(i)));
        std::printf("if_only_before(%d) = %d\n", i, block_on(if_only_before(i)));
        std::printf("switch_kept(%d) = %d\n", i, block_on(switch_kept(i)));
        std::printf("while_kept(%d) = %d\n", i, block_on(while_kept(i)));
        std::printf("for_kept(%d) = %d\n", i, block_on(for_kept(i)));
    }
    for (int i = 0; i < 4; ++i)
        std::printf("if_awaits(%d) = %d, switch_awaits(%d) = %d\n", i, block_on(if_awaits(i)), i,
                    block_on(switch_awaits(i)));
    std::printf("drain = %d\n", block_on(drain(4)));
    std::printf("drain_words = %zu\n", block_on(drain_words(3)));
    std::printf("for_awaits = %d\n", block_on(for_awaits(4)));
    for (int i = 0; i < 4; ++i)
        std::printf("if_init_kept(%d) = %d, if_init_and_var(%d) = %d\n", i, block_on(if_init_kept(i)),
                    i, block_on(if_init_and_var(i)));
    std::printf("while_traced = %d\n", block_on(while_traced(3)));
    std::printf("while_traced = %d\n", block_on(while_traced(6)));
    std::printf("if_with_destructor = %d\n", block_on(if_with_destructor(5)));
    std::printf("if_with_destructor = %d\n", block_on(if_with_destructor(0)));
    for (int v : while_gen(1)) std::printf("gen %d\n", v);
    std::printf("calls %d\n", calls);
}
