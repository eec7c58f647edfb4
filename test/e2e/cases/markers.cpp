// What the return-type markers accept, as the declared T would: braced
// returns of an aggregate and of a container's elements, types in an
// anonymous namespace, async functions in an anonymous namespace.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

namespace {
struct Item {
    int v;
};

Async<int> leaf() {
    await(YieldOnce<int>(0));
    return 1;
}
}  // namespace

struct Stats {
    int count;
    double mean;
};

Async<Item> make_item() {
    await(YieldOnce<int>(0));
    return Item{4};
}

Async<Stats> stats() {
    await(YieldOnce<int>(0));
    return {3, 1.5};
}

Async<std::vector<std::string>> names() {
    await(YieldOnce<int>(0));
    return {"ann"};
}

Generator<double, Stats> centered(double a, double b) {
    double m = (a + b) / 2;
    yield(a - m);
    yield(b - m);
    return {2, m};
}

Async<int> top() { return await(leaf()) + await(make_item()).v; }

int main() {
    std::printf("top %d\n", block_on(top()));
    Stats s = block_on(stats());
    std::printf("stats %d %.1f\n", s.count, s.mean);
    std::printf("names %s\n", block_on(names()).front().c_str());
    auto g = centered(1, 4);
    for (auto st = g.resume();; st = g.resume()) {
        if (st.is_complete()) {
            std::printf("returned %d %.1f\n", st.returned().count, st.returned().mean);
            break;
        }
        std::printf("yielded %.1f\n", st.yielded());
    }
    return 0;
}
