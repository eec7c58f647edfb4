// A generator of values that cannot be copied (std::unique_ptr): SPEC's
// `for (auto y : gen)` moves each value out (its iterator's reference is an
// rvalue, as std::generator's is); `auto &&` and `const auto &` see it in
// place. Copyable values stay lvalues (`auto &` may change them). Also as
// the range of a loop that awaits in an async function. (.expected: the
// oracle's generators hold values in std::any, which must be copyable.)
#include <memory>
#include <string>
#include "trace.hpp"
using namespace stackless;

Generator<std::unique_ptr<int>> boxes(int n) {
    for (int i = 1; i <= n; ++i) yield(std::make_unique<int>(i));
}

Generator<std::string> words() {
    yield(std::string("a"));
    yield(std::string("bb"));
}

Async<int> child(int x) {
    await(YieldOnce<int>(x));
    return x;
}

Async<int> awaits_in_loop() {
    int total = 0;
    for (auto p : boxes(3)) total += *p * await(child(10));
    return total;
}

int main() {
    int s = 0;
    for (auto p : boxes(3)) s += *p;
    std::printf("by value %d\n", s);
    std::unique_ptr<int> last;
    for (auto&& p : boxes(2)) last = std::move(p);
    std::printf("moved out %d\n", *last);
    for (const auto& p : boxes(2)) std::printf("seen %d\n", *p);
    std::size_t len = 0;
    for (auto& w : words()) {
        w += "!";
        len += w.size();
    }
    std::printf("words %zu\n", len);
    std::printf("awaits_in_loop %d\n", block_on(awaits_in_loop()));
}
