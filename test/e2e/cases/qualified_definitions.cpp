// Definitions written outside the scope that declares them, by qualified
// names: a member (and a free function) of a namespace defined at global
// scope, whose class is declared in that namespace and defined by its
// qualified name where the function is; a nested class defined after its
// enclosing class (`struct Outer::Inner { ... };`), also in a template.
#include "trace.hpp"
using namespace stackless;

namespace ns {
struct Outer {
    int o = 1;
    Async<int> f();
    Async<int> use() {
        int r = await(f());
        return r + 1;
    }
};
Async<int> g(int x);
} // namespace ns

Async<int> ns::Outer::f() {
    Tracer t(o);
    await(YieldOnce<int>(0));
    return o + 10;
}

Async<int> ns::g(int x) { return x + await(YieldOnce<int>(2)); }

struct Shell {
    struct Inner;
    int k = 3;
};
struct Shell::Inner {
    int v = 4;
    Async<int> f() { return v + await(YieldOnce<int>(1)); }
};

template <class T>
struct Box {
    struct Inner;
};
template <class T>
struct Box<T>::Inner {
    T v{5};
    Async<T> f() { return v + await(YieldOnce<T>(2)); }
};

int main() {
    ns::Outer o;
    std::printf("use %d\n", block_on(o.use()));
    std::printf("g %d\n", block_on(ns::g(5)));
    Shell::Inner in;
    std::printf("inner %d\n", block_on(in.f()));
    Box<long>::Inner bin;
    std::printf("template inner %ld\n", block_on(bin.f()));
}
