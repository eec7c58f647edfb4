// Forwarding references (`R &&r` in a template, called with an lvalue: R is
// `std::vector<int> &`) kept across a suspension: the slot points to what
// they refer to.
#include "trace.hpp"
#include <string>
#include <utility>
#include <vector>
using namespace stackless;

template <typename R>
Generator<int> each(R&& r) {
    for (int x : r) yield(x);
}

template <typename R>
Async<int> total(R&& r) {
    await(Tick());
    int s = 0;
    for (int x : r) s += x;
    return s;
}

template <typename T>
Async<std::string> show(T&& v, T&& w) {
    await(Tick());
    return std::to_string(v) + "/" + std::to_string(w);
}

template <typename S>
Async<std::size_t> sink(S&& s) {
    std::string mine = std::forward<S>(s);
    await(Tick());
    return mine.size();
}

int main() {
    std::vector<int> v{1, 2, 3};
    for (int x : each(v)) std::printf("%d ", x);
    std::vector<int> w{4};
    for (int x : each(std::move(w))) std::printf("%d ", x);
    std::printf("%d\n", block_on(total(v)));
    int a = 5;
    std::printf("%s\n", block_on(show<int&>(a, a)).c_str());
    std::string s = "hello";
    std::printf("%zu %zu\n", block_on(sink(s)), block_on(sink(std::string("hey"))));
}
