// Ways of declaring an async function or generator: an alias template for
// the marker, trailing return types (free, member declared in the class
// and defined outside).
#include "trace.hpp"
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

int main() {
    for (int v : count(3)) std::printf("count %d\n", v);
    Shape s;
    for (int v : s.each()) std::printf("corner %d\n", v);
    std::printf("twice %d\n", block_on(twice(1)));
    std::printf("area %d\n", block_on(s.area()));
    return 0;
}
