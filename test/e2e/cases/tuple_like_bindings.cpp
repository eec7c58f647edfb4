// Structured bindings kept across an await, of tuple-like types: each name
// reads its element through the `get` C++ calls (a member get, std::get, a
// get found by ADL), not always std::get. And a by-value binding of an
// array, copied element by element.
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "trace.hpp"
using namespace stackless;

struct P {
    int a, b;
    template <std::size_t I>
    int get() const { return I == 0 ? a * 10 : b; }
};
template <>
struct std::tuple_size<P> : std::integral_constant<std::size_t, 2> {};
template <std::size_t I>
struct std::tuple_element<I, P> { using type = int; };

namespace geo {
struct Pt { int x, y; };
template <std::size_t I>
int get(const Pt& p) { return I == 0 ? p.x : p.y * 100; }
}  // namespace geo
template <>
struct std::tuple_size<geo::Pt> : std::integral_constant<std::size_t, 2> {};
template <std::size_t I>
struct std::tuple_element<I, geo::Pt> { using type = int; };

Async<int> bindings() {
    auto [x, y] = P{1, 5};
    auto [n, s] = std::make_tuple(7, std::string("ab"));
    auto [px, py] = geo::Pt{3, 4};
    std::map<std::string, int> m{{"k", 9}};
    auto& [key, value] = *m.begin();
    int arr[2] = {5, 6};
    auto [a0, a1] = arr;
    arr[0] = 100;
    await(Tick());
    return x + y + n + static_cast<int>(s.size()) + px + py + static_cast<int>(key.size()) + value +
           a0 + a1 + arr[0];
}

int main() { std::printf("%d\n", block_on(bindings())); }
