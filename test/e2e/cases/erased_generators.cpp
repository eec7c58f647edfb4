// Generator<Y, R> and Stream<T> named as types: the type-erased owners of a
// lowered generator or stream (one allocation each), as Async<T> is of a
// future. Spelled variables, parameters, containers, virtual generators and
// generators declared in a header the tool does not rewrite.
#include <memory>
#include <string>
#include <vector>
#include "include/remote.hpp"
#include "trace.hpp"
using namespace stackless;

Generator<int> count_to(int n) {
    for (int i = 1; i <= n; ++i) yield(i);
}

Generator<int, std::string> with_result(int n) {
    for (int i = 0; i < n; ++i) yield(i * 10);
    return "done " + std::to_string(n);
}

int total(Generator<int> g) {
    int t = 0;
    for (int x : g) t += x;
    return t;
}

Generator<int> pick(bool up) {
    if (up) {
        for (int i = 0; i < 3; ++i) yield(i);
    } else {
        for (int i = 3; i > 0; --i) yield(i);
    }
}

Stream<int> ticks(int n) {
    for (int i = 0; i < n; ++i) {
        await(YieldOnce<int>(i));
        yield(i * i);
    }
}

Async<int> sum_stream(Stream<int> s) {
    int sum = 0;
    while (auto item = await(next(s))) sum += *item;
    return sum;
}

// A spelled Stream<int> kept across the awaits of an async function.
Async<int> named_stream() {
    Stream<int> s = ticks(4);
    int sum = 0;
    while (auto item = await(next(s))) {
        std::printf("item %d\n", *item);
        sum += *item;
    }
    return sum;
}

struct Shape {
    virtual ~Shape() = default;
    virtual Generator<int> corners() = 0;
    virtual Stream<std::string> labels() = 0;
};

struct Square : Shape {
    int side = 2;
    Generator<int> corners() override {
        for (int i = 0; i < 4; ++i) yield(i * side);
    }
    Stream<std::string> labels() override;
};

Stream<std::string> Square::labels() {
    for (int i = 0; i < 2; ++i) {
        int k = await(YieldOnce<int>(i + side));
        yield("label " + std::to_string(k));
    }
}

Generator<int> remote_evens(int n) {
    for (int i = 0; i < n; ++i) yield(2 * i);
}

Stream<int> remote_squares(int n) {
    for (int i = 1; i <= n; ++i) {
        await(YieldOnce<int>(0));
        yield(i * i);
    }
}

Async<std::string> all_labels(Shape& shape) {
    auto labels = shape.labels();
    std::string out;
    while (auto l = await(next(labels))) out += *l + ";";
    return out;
}

int main() {
    Generator<int> g = count_to(3);
    for (int x : g) std::printf("g %d\n", x);
    std::printf("total %d\n", total(count_to(4)));

    std::vector<Generator<int>> gens;
    gens.push_back(pick(true));
    for (auto& h : gens)
        for (int x : h) std::printf("picked %d\n", x);
    gens.clear();
    gens.emplace_back(pick(false));
    Generator<int> moved = std::move(gens.back());
    for (int x : moved) std::printf("moved %d\n", x);

    Generator<int, std::string> r = with_result(2);
    for (auto s = r.resume();; s = r.resume()) {
        if (s.is_complete()) {
            std::printf("returned %s\n", s.returned().c_str());
            break;
        }
        std::printf("yielded %d\n", s.yielded());
    }

    std::printf("stream sum %d\n", block_on(sum_stream(ticks(3))));
    std::printf("named stream %d\n", block_on(named_stream()));

    Square sq;
    Shape& shape = sq;
    for (int c : shape.corners()) std::printf("corner %d\n", c);
    std::printf("labels %s\n", block_on(all_labels(shape)).c_str());

    for (int e : remote_evens(3)) std::printf("remote even %d\n", e);
    std::printf("remote squares %d\n", block_on(sum_stream(remote_squares(3))));
    return 0;
}
