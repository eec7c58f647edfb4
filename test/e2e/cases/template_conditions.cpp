// In a function template, a condition variable of dependent type with a
// destructor, before an await and inside the scope of a parameter with a
// destructor: parameters live until the future dies, so it stays an
// ordinary local (its destruction was once written outside its scope).
#include <optional>
#include <string>

#include "trace.hpp"
using namespace stackless;

template <class V>
Async<V> first_or(std::optional<V> o, V dflt) {
    if (auto hit = o) {
        return *hit;
    }
    await(Tick(1));
    return dflt;
}

template <class V>
Async<V> doubled(V x) {
    auto v = await(YieldOnce<V>(x));
    return v + v;
}

int main() {
    std::printf("%d\n", block_on(first_or<int>(7, 1)));
    std::printf("%d\n", block_on(first_or<int>(std::nullopt, 3)));
    std::printf("%s\n", block_on(first_or<std::string>(std::nullopt, "dflt")).c_str());
    std::printf("%s\n", block_on(doubled(std::string("ab"))).c_str());
}
