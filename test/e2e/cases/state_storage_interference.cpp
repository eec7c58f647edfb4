// A variable saved at one suspension point only joins that state's struct
// even when it is declared before earlier points (tool/Interference.h), but
// only when its value never has to survive while another state's objects
// are alive: they share the union's bytes. Each function below prints values
// that a wrong overlap would change (and sizes.cpp checks C12's size).
#include <cstdint>
#include "trace.hpp"
using namespace stackless;
using u64 = std::uint64_t;

static u64 sum(const std::uint8_t* p, int n) {
    u64 s = 0;
    for (int i = 0; i < n; ++i) s += p[i];
    return s;
}

// C12: s1 is written from x as x dies, and joins the second state's struct,
// over x's bytes; y, in the same struct, does not overlap it.
Async<u64> big_then_small() {
    u64 s1;
    u64 s2;
    {
        std::uint8_t x[256];
        for (auto& b : x) b = 1;
        await(Tick());
        s1 = sum(x, 256);
    }
    {
        std::uint8_t y[64];
        for (auto& b : y) b = 2;
        await(Tick());
        s2 = sum(y, 64);
    }
    return s1 * 1000 + s2;
}

// The same with both declared in one statement (the CFG splits it into one
// declaration per variable), and C12's 16-byte leaf: 280 bytes, 288 when s1
// has a slot of its own.
Async<u64> big_then_small_one_declaration() {
    u64 s1, s2;
    {
        std::uint8_t x[256];
        for (auto& b : x) b = 3;
        await(YieldOnce<u64>(0));
        s1 = sum(x, 256);
    }
    {
        std::uint8_t y[64];
        for (auto& b : y) b = 4;
        await(YieldOnce<u64>(0));
        s2 = sum(y, 64);
    }
    return s1 * 1000 + s2;
}

// `last` is written as x dies, but the loop counter, in the first state's
// struct, is still needed: no overlap.
Async<u64> loop_then_keep() {
    u64 last = 0;
    for (int i = 0; i < 3; ++i) {
        std::uint8_t x[64];
        for (auto& b : x) b = static_cast<std::uint8_t>(i + 1);
        await(Tick());
        last = sum(x, 64);
    }
    std::uint8_t y[16];
    for (auto& b : y) b = 9;
    await(Tick());
    return last + sum(y, 16);
}

// `v` is written while x is still in use: they must not overlap.
Async<u64> written_while_other_alive() {
    u64 v;
    {
        std::uint8_t x[64];
        for (auto& b : x) b = 1;
        await(Tick());
        v = 5;
        x[0] = static_cast<std::uint8_t>(x[0] + 100);
        std::printf("x[0] %d, v %llu\n", x[0], (unsigned long long)v);
    }
    await(Tick());
    return v;
}

// `w` is kept across the second await; an int array of the first state is
// read after w is written: no overlap (and no character-type exception).
Async<u64> not_char_data() {
    u64 w = 0;
    {
        int a[8];
        for (int& e : a) e = 3;
        await(Tick());
        w = 11;
        std::printf("a[0] %d a[1] %d\n", a[0], a[1]);
    }
    await(Tick());
    return w;
}

// The value of an await initializes the variable while the awaited future
// (in the first state's struct) is still being destroyed.
Async<u64> init_from_await() {
    u64 a = await(YieldOnce<u64>(20));
    await(Tick());
    return a + 1;
}

#if !defined(STACKLESS_ORACLE) && !defined(STACKLESS_TRANSPILING)
static_assert(sizeof(big_then_small()) <= 256 + sizeof(Tick) + 8 + 8,
              "C12: s1 shares the first state's bytes");
static_assert(sizeof(YieldOnce<u64>) == 16 && sizeof(big_then_small_one_declaration()) <= 280,
              "C12 with one declaration: s1 shares the first state's bytes");
#endif

int main() {
    std::printf("big_then_small %llu\n", (unsigned long long)block_on(big_then_small()));
    std::printf("big_then_small_one_declaration %llu\n",
                (unsigned long long)block_on(big_then_small_one_declaration()));
    std::printf("loop_then_keep %llu\n", (unsigned long long)block_on(loop_then_keep()));
    std::printf("written_while_other_alive %llu\n",
                (unsigned long long)block_on(written_while_other_alive()));
    std::printf("not_char_data %llu\n", (unsigned long long)block_on(not_char_data()));
    std::printf("init_from_await %llu\n", (unsigned long long)block_on(init_from_await()));
}
