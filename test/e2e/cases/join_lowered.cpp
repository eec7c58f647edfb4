// Combinators over lowered futures: the awaited Join's type mentions the
// children's generated classes, so the tool names it by decltype.
#include <tuple>
#include <variant>
#include "trace.hpp"
using namespace stackless;

Async<int> child(int v) {
    await(Tick(v));
    return v * 100;
}

Async<void> quiet() { await(Tick()); }

Async<int> both() {
    auto [a, b] = await(join(child(1), child(2)));
    auto j = join(child(3), quiet());
    auto r = await(std::move(j));
    return a + b + std::get<0>(r);
}

int main() { std::printf("%d\n", block_on(both())); }
