// Types declared in a body whose objects are kept across suspension points:
// their definitions move into the generated class, where the state can
// name them and poll's body finds them by the same names (a type naming
// something else local to the function is rejected).
#include "trace.hpp"
#include <vector>
using namespace stackless;
Async<int> f() {
    struct Hit {
        int v;
        std::string name;
        Tracer t{v};
        int twice() const { return 2 * v; }
    };
    enum Color { Red, Green = 5 };
    Hit h{41, "x"};
    std::vector<Hit> hs;
    hs.reserve(2);
    hs.push_back(Hit{1, "a"});
    hs.push_back(Hit{2, "b"});
    Color c = Green;
    await(Tick(1));
    return h.v + 1 + hs[1].twice() + c;
}
template <class T>
Generator<T> g(T base) {
    struct Acc { T total; void add(T x) { total += x; } };
    Acc a{base};
    for (int i = 0; i < 3; ++i) { a.add(static_cast<T>(i)); yield(a.total); }
}
int main() { std::printf("%d\n", block_on(f())); for (long v : g(10L)) std::printf("%ld\n", v); }
