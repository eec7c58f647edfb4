// Returning and ranging, as users write them: `return local;` moves (a
// unique_ptr compiles, a traced object is never copied), braced returns,
// range-for over a prvalue (the range lives across the body's awaits), a
// const reference bound to a temporary kept across an await, and a
// generator consumed inside another by range-for and by begin()/end().
// Checked against values_and_ranges.expected, not the oracle: the oracle runs
// a generator eagerly into one global queue (nested generators interleave)
// and copies a generator's return value.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "trace.hpp"
using namespace stackless;

struct Noisy {
    int id;
    explicit Noisy(int i) : id(i) { std::printf("ctor %d\n", id); }
    Noisy(const Noisy& o) : id(o.id) { std::printf("COPY %d\n", id); }
    Noisy(Noisy&& o) noexcept : id(o.id) { o.id = -1; }
    ~Noisy() {
        if (id >= 0) std::printf("dtor %d\n", id);
    }
};

Async<std::unique_ptr<int>> make_ptr(int v) {
    auto p = std::make_unique<int>(v);
    await(Tick());
    return p;
}

Async<Noisy> make_noisy(int id) {
    Noisy n(id);
    await(Tick());
    return n;
}

Generator<int, Noisy> count_then(int n) {
    Noisy last(100 + n);
    for (int i = 0; i < n; ++i) yield(i);
    return last;
}

Async<std::vector<int>> braced_vector() {
    await(Tick());
    return {5, 3, 9};
}
Async<std::string> braced_empty() {
    await(Tick());
    return {};
}
Async<std::pair<int, int>> braced_pair(int a) {
    int b = await(YieldOnce<int>(a + 1));
    return {a, b};
}
Generator<int, std::pair<int, int>> braced_generator() {
    yield(1);
    return {2, 3};
}

std::vector<Noisy> three() {
    std::vector<Noisy> v;
    v.reserve(3);
    for (int i = 1; i <= 3; ++i) v.emplace_back(10 * i);
    return v;
}
std::string label() { return "label-long-enough-for-the-heap"; }

Async<int> over_prvalue() {
    int s = 0;
    for (const Noisy& n : three()) s += await(YieldOnce<int>(n.id));
    std::printf("after loop\n");
    return s;
}

Async<std::size_t> reference_to_temporary() {
    const std::string& l = label();
    await(Tick());
    return l.size();
}

Generator<int> inner(int n) {
    for (int i = 0; i < n; ++i) yield(i);
}
Generator<int> outer_range_for() {
    auto g = inner(3);
    for (int v : g) yield(v * 10);
    for (int v : inner(2)) yield(v + 100);
}
Generator<int> outer_iterators() {
    auto h = inner(4);
    for (auto it = h.begin(); it != h.end(); ++it) {
        if (*it == 2) break;
        yield(*it);
    }
}

int main() {
    std::printf("ptr %d\n", *block_on(make_ptr(7)));
    {
        Noisy n = block_on(make_noisy(1));
        std::printf("got %d\n", n.id);
    }
    {
        auto g = count_then(2);
        while (true) {
            auto st = g.resume();
            if (st.is_complete()) {
                std::printf("returned %d\n", st.returned().id);
                break;
            }
            std::printf("yielded %d\n", st.yielded());
        }
    }
    std::vector<int> v = block_on(braced_vector());
    std::printf("vector %zu %d\n", v.size(), v[2]);
    std::printf("empty [%s]\n", block_on(braced_empty()).c_str());
    auto p = block_on(braced_pair(4));
    std::printf("pair %d %d\n", p.first, p.second);
    {
        auto g = braced_generator();
        g.resume();
        auto st = g.resume();
        std::printf("generator pair %d %d\n", st.returned().first, st.returned().second);
    }
    std::printf("over_prvalue %d\n", block_on(over_prvalue()));
    std::printf("reference_to_temporary %zu\n", block_on(reference_to_temporary()));
    for (int x : outer_range_for()) std::printf("outer %d\n", x);
    for (int x : outer_iterators()) std::printf("iter %d\n", x);
}
