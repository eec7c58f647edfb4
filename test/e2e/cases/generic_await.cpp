// A function template whose parameter is deduced from a lowered future
// (`logged(v(3))`: F is Async<int> in the input, v's class in the output)
// keeps the future as it is: it runs once, with no hidden boxing. An await
// in sizeof is not evaluated. A dependent member call can await in its
// arguments.
#include <optional>
#include <string>

#include "trace.hpp"
using namespace stackless;

[[nodiscard]] Async<int> v(std::string x) {  // (the attribute goes with the factory)
    await(Tick());
    return static_cast<int>(x.size());
}

template <class F>
Async<int> logged(F f) {
    std::printf("start\n");
    int r = await(std::move(f));
    std::printf("end %d\n", r);
    return r;
}

template <class F>
Async<std::optional<future_output_t<F>>> maybe(F f, bool wanted) {
    if (!wanted) return std::nullopt;
    return await(std::move(f));
}

// A member call on a dependent object with an await in its arguments: the
// object is evaluated first (nothing to keep for a named one), then the
// await, then the call.
struct Scale {
    int k;
    int times(int x) const { return x * k; }
    template <class T>
    T as(int x) const { return static_cast<T>(x + k); }
};

template <class T>
Async<long> dependent_member(T obj) {
    int a = obj.times(await(v("abc")));
    long b = obj.template as<long>(await(v("de")));
    return a * 1000 + b;
}

Async<int> top() {
    int a = await(logged(v("u" + std::string("xy"))));
    std::optional<int> b = await(maybe(v("four"), true));
    std::optional<int> c = await(maybe(v("z"), false));
    // Not evaluated: v's future is not even built.
    std::printf("sizeof %zu\n", sizeof(await(logged(v("never")))));
    return a * 100 + *b * 10 + (c ? 1 : 0);
}

int main() {
    std::printf("%d\n", block_on(top()));
    std::printf("dependent member %ld\n", block_on(dependent_member(Scale{4})));
}
