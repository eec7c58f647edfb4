// Local constants (constexpr, or const with a constant initializer) that a
// resume jump passes stay constants: made static (same value in every call),
// not kept in the frame; std::array<int, K>, int b[K], static_assert and a
// lambda reading one without capturing it still compile.
#include "trace.hpp"
#include <array>
using namespace stackless;
enum class Mode { Fast, Slow };
Async<int> f(int n) {
    constexpr int K = 4;
    const int cv = 3;
    constexpr Mode m = Mode::Slow;
    const int dyn = n * 2;  // not a constant: kept
    int s = 0;
    await(Tick());
    std::array<int, K> a{};
    static_assert(K == 4);
    int b[K] = {1, 2, 3, 4};
    s += (int)a.size() + b[3] + dyn;
    await(Tick());
    auto read = [] { return cv * 10; };
    auto named = [cv] { return cv + 1; };  // captured by name: a copy, [cv = cv]
    s += read() + named();
    switch (m) { case Mode::Fast: s += 1; break; case Mode::Slow: s += 2; break; }
    return s + K + cv;
}
int main() { std::printf("%d\n", block_on(f(5))); }
