// `auto` locals of a type that depends on a template parameter, kept across
// suspension points: the generated class names their types by their
// initializers (`std::decay_t<decltype(...)>`; a reference's referent by
// `std::remove_reference_t`), where the template is instantiated.
#include "trace.hpp"
#include <map>
#include <vector>
using namespace stackless;

template <class K, class V>
Generator<V> values(const std::map<K, V>& m) {
    for (auto it = m.begin(); it != m.end(); ++it) yield(it->second);
}

template <class C>
Async<int> total(C c) {
    auto sum = typename C::value_type{};
    const auto n = c.size();
    auto &first = c.front();
    for (std::size_t i = 0; i < n; ++i) sum += await(YieldOnce<typename C::value_type>(c[i]));
    auto copy = c;
    await(Tick(1));
    return static_cast<int>(sum + first + copy.back());
}

template <class T>
Stream<T> doubled(std::vector<T> xs) {
    auto it = xs.begin();
    while (it != xs.end()) {
        auto v = await(YieldOnce<T>(*it * 2));
        yield(v);
        ++it;
    }
}

template <class T>
Async<int> hold(T t) {
    auto kept = std::move(t);
    const auto &view = kept;
    await(Tick(1));
    return view.id;
}

int main() {
    std::printf("hold %d\n", block_on(hold(Tracer(5))));
    std::map<int, int> m{{1, 10}, {2, 20}};
    int s = 0;
    for (int v : values(m)) s += v;
    std::printf("%d\n", s);
    std::printf("%d\n", block_on(total(std::vector<int>{1, 2, 3})));
    auto st = doubled(std::vector<int>{4, 5});
    int d = block_on([&]() -> Async<int> { int t = 0; while (auto v = await(next(st))) t += *v; return t; }());
    std::printf("%d\n", d);
}
