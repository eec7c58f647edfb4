// sum_generator: the talk's generator, summing up then back down:
//
//     let xs = vec![1, 2, 3];
//     let mut gen = || {
//         let mut sum = 0;
//         for x in xs.iter() { sum += x; yield sum; }          // Suspend0: xs, iter0, sum
//         for x in xs.iter().rev() { sum -= x; yield sum; }    // Suspend1: xs, iter1, sum
//     };
//
// Lowered, it is an enum of states and one struct per state holding what
// that yield keeps, so its size is that of its largest state, not the sum of
// its locals (see stackless_generated/sample_sum_generator/main.cpp).
#include <cstdio>
#include <vector>

#include <stackless/stackless.hpp>
using namespace stackless;

Generator<int> sums(std::vector<int> xs) {
    int sum = 0;
    for (int x : xs) {
        sum += x;
        yield(sum);
    }
    for (auto it = xs.rbegin(); it != xs.rend(); ++it) {
        sum -= *it;
        yield(sum);
    }
}

int main() {
    // Resumed by hand, like the talk's `match gen.resume()`.
    auto gen = sums({1, 2, 3});
    std::printf("resume():");
    for (auto state = gen.resume(); state.is_yielded(); state = gen.resume())
        std::printf(" %d", state.yielded());
    std::printf("\n");

    // A Generator<Y, void> is an input range.
    std::printf("for:     ");
    for (int sum : sums({1, 2, 3})) std::printf(" %d", sum);
    std::printf("\n");

    std::printf("sizeof(sums(xs)) = %zu bytes (sizeof(std::vector<int>) = %zu)\n",
                sizeof(sums({})), sizeof(std::vector<int>));
}
