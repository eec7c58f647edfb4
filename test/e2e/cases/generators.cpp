// Generators (SPEC 1-3): the talk's example, generators with a return value,
// generators over traced state, member and lambda-free use as ranges.
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>
#include "trace.hpp"
#if __cplusplus >= 202002L
#include <ranges>
#endif
using namespace stackless;

// The talk's example: up through the vector, then down in reverse.
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

// A return value, read through resume().
Generator<int, std::string> countdown(int n) {
    while (n > 0) {
        yield(n);
        --n;
    }
    return std::string("liftoff");
}

Generator<std::string> words(const std::vector<std::string>& ws, bool skip_short) {
    for (const std::string& w : ws) {
        if (skip_short && w.size() < 3) continue;
        if (w == "stop") break;
        yield(w + "!");
    }
}

Generator<int> fib(int limit) {
    int a = 0, b = 1;
    while (true) {
        if (a > limit) return;
        yield(a);
        int next = a + b;
        a = b;
        b = next;
    }
}

// Arrays kept across yields: one from a string literal, one of two dimensions.
Generator<char> letters() {
    char word[] = "hey";
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c) yield(static_cast<char>(word[(r + c) % 3] + grid[r][c] % 2));
}

// A temporary of an aggregate spelled `Labeled{...}` in a yield's operand
// (kept until the generator resumes).
struct Labeled {
    std::string s;
    int n;
};

Generator<int> lengths() {
    yield(static_cast<int>(Labeled{"abcd", 1}.s.size()));
    yield(Labeled{"xy", 2}.n);
}

// A Generator<Y, void> is an input range, for std::ranges too (C++20).
// (fib(1) yields three values: the synchronous oracle cannot stop early.)
void first_three_of_fib() {
#if __cplusplus >= 202002L
    auto g = fib(1);
    static_assert(std::input_iterator<decltype(g.begin())>);
    static_assert(std::ranges::input_range<decltype(g)>);
    for (int x : g | std::views::take(3)) std::printf("take %d\n", x);
#else
    for (int x : fib(1)) std::printf("take %d\n", x);
#endif
}

int main() {
    // C++17's algorithms take one iterator type: end() is an iterator too.
    auto lens = lengths();
    std::printf("total length %d\n", std::accumulate(lens.begin(), lens.end(), 0));
    auto more = sums({1, 2, 3, 4});
    auto big = std::count_if(more.begin(), more.end(), [](int s) { return s > 4; });
    std::printf("sums above 4: %d\n", static_cast<int>(big));
    first_three_of_fib();
    for (int n : lengths()) std::printf("length %d\n", n);
    for (char ch : letters()) std::printf("%c", ch);
    std::printf("\n");
    for (int s : sums({1, 2, 3, 4})) std::printf("%d ", s);
    std::printf("\n");

    auto c = countdown(3);
    for (;;) {
        auto st = c.resume();
        if (st.is_complete()) {
            std::printf("returned %s\n", st.returned().c_str());
            break;
        }
        std::printf("yielded %d\n", st.yielded());
    }

    std::vector<std::string> ws{"a", "generator", "is", "lazy", "stop", "never"};
    for (const std::string& w : words(ws, true)) std::printf("%s\n", w.c_str());
    for (int f : fib(50)) std::printf("%d ", f);
    std::printf("\n");
}
