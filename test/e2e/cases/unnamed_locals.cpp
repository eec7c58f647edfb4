// A local with a destructor inside the scope of a kept object is destroyed
// explicitly, before it (SPEC 2.3). When its type cannot be named at the top
// of poll (a lambda; `auto` of dependent type in a template) it is declared
// where it is, as a stackless::detail::Local (no resume jump crosses it):
// these were rejected as "kept across await" although they never were.
#include "trace.hpp"
#include <string>
using namespace stackless;
template <class T>
Async<T> twice(T x) {
    auto v = await(YieldOnce<T>(x));
    return v + v;
}
Async<int> lam_after() {
    std::string s = "abc";
    await(Tick());
    auto lam = [s](int k) { return (int)s.size() + k; };
    return lam(1);
}
Async<int> traced(int k) {
    Tracer keep(1);
    await(Tick());
    auto lam = [t = Tracer(2)](int a) { return a + t.id; };
    if (k == 0) return lam(10);
    auto w = lam(20);
    if (k == 1) throw 5;
    return w;
}
template <class T>
Async<int> traced_auto(T x) {
    Tracer keep(3);
    await(Tick());
    auto y = x;
    return y.id;
}
int main() {
    std::printf("%d\n", block_on(twice(21)));
    std::printf("%s\n", block_on(twice(std::string("ab"))).c_str());
    std::printf("%d\n", block_on(lam_after()));
    std::printf("%d\n", block_on(traced(0)));
    try { block_on(traced(1)); } catch (int e) { std::printf("caught %d\n", e); }
    std::printf("%d\n", block_on(traced_auto(Tracer(4))));
}
