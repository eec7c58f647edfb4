// Lambdas returning Generator<Y> or Stream<T> are generators and streams
// (SPEC 1: "any function, member function, function template or lambda").
#include <string>

#include "trace.hpp"
using namespace stackless;

int main() {
    int base = 10;
    auto upto = [base](int n) -> Generator<int> {
        for (int i = 0; i < n; ++i) yield(base + i);
    };
    for (int v : upto(3)) std::printf("gen %d\n", v);

    auto words = [](int n) -> Generator<std::string, int> {
        for (int i = 0; i < n; ++i) yield(std::string(static_cast<std::size_t>(i + 1), 'w'));
        return n;
    };
    auto g = words(2);
    for (auto st = g.resume(); ; st = g.resume()) {
        if (st.is_complete()) {
            std::printf("returned %d\n", st.returned());
            break;
        }
        std::printf("word %s\n", st.yielded().c_str());
    }

    auto ticks = [](int n) -> Stream<int> {
        for (int i = 0; i < n; ++i) {
            await(Tick());
            yield(i * i);
        }
    };
    auto s = ticks(4);
    int sum = 0;
    while (auto item = block_on(next(s))) sum += *item;
    std::printf("stream sum %d\n", sum);
}
