// A range-for over a range whose type depends on a template parameter,
// suspending in its body: Clang makes its begin/end iterators only at each
// instantiation, so the lowering declares them itself, typed and made by
// stackless::detail::range_begin/range_end (which choose as the range-for
// does: members, else argument-dependent lookup, or an array's bounds).
#include "trace.hpp"
#include <map>
#include <vector>
using namespace stackless;

namespace shapes {
struct Bag {
    int items[3] = {4, 5, 6};
};
inline const int* begin(const Bag& b) { return b.items; }
inline const int* end(const Bag& b) { return b.items + 3; }
} // namespace shapes

template <class T>
Generator<T> items(std::vector<T> v) {
    for (const T& x : v) yield(x);
}

template <class C>
Async<int> total(const C& c) {
    int sum = 0;
    for (auto x : c) sum += await(YieldOnce<int>(static_cast<int>(x)));
    return sum;
}

template <class K, class V>
Generator<V> values(const std::map<K, V>& m) {
    for (const auto& kv : m) {
        Tracer t(static_cast<int>(kv.first));
        yield(kv.second);
    }
}

template <class T>
std::vector<T> make(T a, T b) { return {a, b}; }

template <class T>
Async<T> over_temporary(T a) {
    T s{};
    auto made = make(a, a + 1); // (over `make(a, a + 1)` itself: a located error)
    for (T x : made) s += await(YieldOnce<T>(x));
    return s;
}

template <class T, int N>
Async<T> over_array() {
    T arr[N];
    for (int i = 0; i < N; ++i) arr[i] = static_cast<T>(i + 1);
    T s{};
    for (T& x : arr) {
        x *= 2;
        s += await(YieldOnce<T>(x));
    }
    return s + arr[0];
}

template <class T>
struct Holder {
    std::vector<T> xs{1, 2, 3};
    Async<T> sum() {
        T s{};
        for (T x : xs) s += await(YieldOnce<T>(x));
        for (T& x : this->xs) x = await(YieldOnce<T>(x * 10));
        return s + xs.back();
    }
};

int main() {
    int s = 0;
    for (int x : items(std::vector<int>{1, 2, 3})) s += x;
    std::printf("items %d\n", s);
    std::printf("total vector %d\n", block_on(total(std::vector<double>{1.5, 2.5})));
    std::printf("total bag %d\n", block_on(total(shapes::Bag{})));
    std::map<int, int> m{{1, 10}, {2, 20}};
    int vs = 0;
    for (int v : values(m)) vs += v; // (printed after: the oracle's generator runs eagerly)
    std::printf("values %d\n", vs);
    std::printf("temporary %d\n", block_on(over_temporary(5)));
    std::printf("array %ld\n", block_on(over_array<long, 3>()));
    Holder<int> h;
    std::printf("member %d\n", block_on(h.sum()));
}
