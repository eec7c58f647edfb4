// Async lambdas are async blocks: by-value captures are copied into the
// future, by-reference captures stay references, `this` is kept, generic
// lambdas work.
#include <string>
#include "trace.hpp"
using namespace stackless;

struct Account {
    int balance = 100;
    auto deposit_later(int amount) {
        return [this, amount]() -> Async<int> {
            await(Tick());
            balance += amount;
            return balance;
        }();
    }
};

// Called where it is written, an async lambda moves its by-value captures
// into its future (the talk's `async move` block): a move-only capture works,
// and a copyable one is not copied again.
struct MoveOnly {
    int v;
    explicit MoveOnly(int x) : v(x) {}
    MoveOnly(MoveOnly&&) = default;
};

int moved_captures() {
    MoveOnly m(42);
    int a = block_on([m = std::move(m)]() -> Async<int> {
        await(YieldOnce<int>(0));
        return m.v;
    }());
    Tracer t(60);
    int b = block_on([t]() -> Async<int> {
        await(YieldOnce<int>(0));
        return t.id;
    }());
    return a + b;
}

int main() {
    std::printf("moved captures %d\n", moved_captures());
    int k = 5;
    auto add_k = [k](int a) -> Async<int> {
        int got = await(YieldOnce<int>(a));
        return got + k;
    };
    std::printf("%d\n", block_on(add_k(1)));
    std::printf("%d\n", block_on(add_k(2)));

    int counter = 0;
    auto bump = [&counter](int times) -> Async<void> {
        for (int i = 0; i < times; ++i) {
            await(Tick());
            ++counter;
        }
    };
    block_on(bump(3));
    std::printf("counter %d\n", counter);

    auto generic = [](auto x) -> Async<int> {
        auto y = await(YieldOnce<int>(static_cast<int>(x)));
        return y * 2;
    };
    std::printf("%d %d\n", block_on(generic(21)), block_on(generic(2.5)));

    std::string name = "stackless";
    std::printf("%zu\n", block_on([&]() -> Async<std::size_t> {
        await(Tick(2));
        return name.size() + static_cast<std::size_t>(k);
    }()));

    Account acct;
    std::printf("%d\n", block_on(acct.deposit_later(20)));
}
