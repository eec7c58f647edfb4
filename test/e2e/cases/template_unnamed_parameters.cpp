// Function templates with unnamed template parameters (SFINAE constraints:
// `std::enable_if_t<..., int> = 0`, `class = std::enable_if_t<...>`), also
// all unnamed and on a separate declaration: the generated class takes only
// the named ones, which are all its body can name.
#include "trace.hpp"
#include <type_traits>
using namespace stackless;

template <class F, std::enable_if_t<!std::is_arithmetic_v<F>, int> = 0>
Async<int> plus_one(F f) { return await(std::move(f)) + 1; }

template <class F, class = std::enable_if_t<!std::is_arithmetic_v<F>>>
Async<int> plus_two(F f) { int v = await(std::move(f)); await(Tick()); return v + 2; }

template <class = void>
Async<int> three() { await(Tick()); return 3; }

template <class T, class = void>
Async<T> twice(T v);

template <class T, class>
Async<T> twice(T v) { await(Tick()); return v + v; }

int main() {
    std::printf("%d %d %d %d\n", block_on(plus_one(ready(1))), block_on(plus_two(plus_one(ready(1)))), block_on(three()), block_on(twice(4)));
}
