// `return local;` in a function template moves, as C++ does, also when the
// local's type is a template parameter: it was copied (a Tracer printed
// `copy`), and a move-only type did not compile. And a template that
// recurses through a boxed future held in a spelled Async<T> (not taken for
// unboxed recursion).
#include <memory>

#include "trace.hpp"
using namespace stackless;

template <class T>
Async<T> pass(T in) {
    await(Tick());
    T out = std::move(in);
    return out;
}

template <class T>
Async<T> param_back(T in) {
    await(Tick());
    return in;
}

template <class T>
Async<T> depth(T n) {
    if (n <= 0) return n;
    Async<T> sub = boxed(depth<T>(n - 1));
    return 1 + await(sub);
}

int main() {
    std::printf("%d\n", block_on(depth<int>(3)));
    std::printf("%d\n", *block_on(pass(std::make_unique<int>(5))));
    std::printf("%d\n", block_on(pass(Tracer(7))).id);
    std::printf("%d\n", block_on(param_back(Tracer(8))).id);
    std::printf("%d\n", *block_on(param_back(std::make_unique<int>(9))));
}
