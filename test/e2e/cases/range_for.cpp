// range-for with await in the body: the range and iterator are kept in the
// state (the talk's iter0).
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<int> sum_vector(std::vector<int> xs) {
    int sum = 0;
    for (int x : xs) {
        sum += await(YieldOnce<int>(x));
    }
    for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
        await(Tick());
        sum -= *it / 2;
    }
    return sum;
}

Async<int> sum_array() {
    int arr[4] = {1, 2, 3, 4};
    int sum = 0;
    for (const int& a : arr) {
        if (a == 3) continue;
        sum += await(YieldOnce<int>(a * a));
    }
    return sum;
}

Async<int> traced_loop() {
    std::vector<int> ids{1, 2, 3};
    int sum = 0;
    for (int id : ids) {
        Tracer t(id);
        sum += await(YieldOnce<int>(t.id));
        if (id == 2) break;
    }
    return sum;
}

int main() {
    std::printf("%d\n", block_on(sum_vector({1, 2, 3, 4, 5})));
    std::printf("%d\n", block_on(sum_array()));
    std::printf("%d\n", block_on(traced_loop()));
}
