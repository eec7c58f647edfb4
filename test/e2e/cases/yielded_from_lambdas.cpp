// A generator that yields what a generator lambda yields, and a stream that
// forwards a stream lambda's items: the lambda's object lives in the
// enclosing state across its yields, under its own class (defined before
// the enclosing class). The synchronous oracle cannot run a generator
// inside a generator (it collects every yield in one list), hence the
// expected output.
#include <vector>
#include "trace.hpp"
using namespace stackless;

Generator<int> flattened(std::vector<int> xs) {
    auto doubled = [&xs]() -> Generator<int> {
        for (int x : xs) yield(x * 2);
    };
    for (int v : doubled()) yield(v);
    for (int v : [n = static_cast<int>(xs.size())]() -> Generator<int> {
             for (int i = 0; i < n; ++i) yield(-i);
         }())
        yield(v);
}

Stream<int> forwarded(int n) {
    auto inner = [n]() -> Stream<int> {
        Tracer t(1);
        for (int i = 0; i < n; ++i) {
            await(Tick());
            yield(i * 10);
        }
    };
    auto s = inner();
    while (auto v = await(next(s))) yield(*v + 1);
}

Async<int> drain(int n) {
    int sum = 0;
    auto s = forwarded(n);
    while (auto v = await(next(s))) {
        std::printf("item %d\n", *v);
        sum += *v;
    }
    return sum;
}

int main() {
    for (int v : flattened({1, 2, 3})) std::printf("yielded %d\n", v);
    std::printf("drained %d\n", block_on(drain(3)));
}
