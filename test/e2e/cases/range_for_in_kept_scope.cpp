// A range-for that does not suspend, whose variable has a destructor,
// inside the scope of an object kept across a later suspension: the loop
// stays as written (its variable dies at the end of each iteration, before
// the kept object), also in templates with `T x` and `auto x`.
#include "trace.hpp"
#include <string>
#include <vector>
using namespace stackless;

Generator<int> lengths(std::vector<std::string> v) {
    std::vector<int> out;
    for (std::string x : v) out.push_back(static_cast<int>(x.size()));
    for (int n : out) yield(n);
}

template <class T>
Generator<T> twice(std::vector<T> v) {
    std::vector<T> out;
    for (T x : v) out.push_back(x);
    for (auto x : v) out.push_back(x);
    yield(out[0]);
    yield(out[3]);
}

Async<int> traced(int n) {
    Tracer keep(100);
    std::vector<Tracer> items;
    items.reserve(4);
    for (int i = 0; i < n; ++i) items.emplace_back(i);
    int sum = 0;
    for (Tracer t : items) {  // a copy per iteration, destroyed at its end
        if (t.id == 1) continue;
        sum += t.id;
    }
    await(Tick());
    return sum + keep.id;
}

int main() {
    for (int n : lengths({"a", "bcd"})) std::printf("%d\n", n);
    for (int x : twice(std::vector<int>{1, 2})) std::printf("%d\n", x);
    for (std::string s : twice(std::vector<std::string>{"p", "q"})) std::printf("%s\n", s.c_str());
    std::printf("%d\n", block_on(traced(3)));
}
