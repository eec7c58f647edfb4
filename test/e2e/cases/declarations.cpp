// Ways of declaring an async function or generator: an alias template for
// the marker, trailing return types (free, member declared in the class
// and defined outside).
#include "trace.hpp"
#include <memory>
using namespace stackless;

template <class T>
using Task = stackless::Async<T>;

Task<int> later() {
    await(YieldOnce<int>(4));
    return 4;
}

auto count(int n) -> Generator<int> {
    for (int i = 0; i < n; ++i) yield(i);
}

auto twice(int x) -> Async<int> { return 2 * await(later()) + x; }

struct Shape {
    int corners = 3;
    auto each() const -> Generator<int>;
    auto area() -> Task<int> {
        int n = await(later());
        return n * corners;
    }
};

auto Shape::each() const -> Generator<int> {
    for (int i = 0; i < corners; ++i) yield(10 + i);
}

// `auto b = a;` where a is itself `auto` (deduced from make_shared, whose
// type libstdc++ spells with an internal alias): b's type is a's.
Async<long> shared_copies() {
    auto sp = std::make_shared<int>(5);
    auto sp2 = sp;
    auto sp3 = sp2;
    await(Tick());
    return sp3.use_count() + *sp2;
}

int main() {
    std::printf("shared %ld\n", block_on(shared_copies()));
    for (int v : count(3)) std::printf("count %d\n", v);
    Shape s;
    for (int v : s.each()) std::printf("corner %d\n", v);
    std::printf("twice %d\n", block_on(twice(1)));
    std::printf("area %d\n", block_on(s.area()));
    return 0;
}
