// range-for with await in the body: the range and iterator are kept in the
// state (the talk's iter0).
#include <array>
#include <string>
#include <vector>
#include "trace.hpp"
#include <initializer_list>
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

// Over a braced list: the elements live as long as the loop, across its
// suspensions (a std::initializer_list only points at them).
Generator<int> primes() {
    for (int p : {2, 3, 5, 7}) yield(p);
    std::initializer_list<int> more = {11, 13}; // a named one, its array kept likewise
    for (int p : more) yield(p);
}

Async<int> braced_lists() {
    int total = 0;
    for (std::string n : {"ann", "bob"}) {
        total += await(YieldOnce<int>(static_cast<int>(n.size())));
    }
    for (const Tracer& t : {Tracer(40), Tracer(41)}) {
        await(YieldOnce<int>(0));
        total += t.id;
    }
    return total;
}

std::vector<int> make_pair_of(int a, int b) { return {a, b}; }

// A loop that does not suspend, over a temporary, inside the scope of a
// kept object with a destructor (its hidden range is then created in a
// slot, destroyed before the kept object).
Async<std::string> no_suspension_inside(int stop) {
    std::string s = "x";
    Tracer t(50);
    for (int v : make_pair_of(1, 2)) {
        s += std::to_string(v);
        if (v == stop) return s;
    }
    await(YieldOnce<int>(0));
    return s + "!";
}

// Over a temporary of trivially destructible type: the iterators kept
// across the await point into it, so it is kept too (it was once left on
// poll's stack).
static std::array<int, 3> three(int k) { return {k, k + 1, k + 2}; }
Async<int> over_temporary_array() {
    int sum = 0;
    for (int x : three(4)) sum += await(YieldOnce<int>(x));
    return sum;
}

// A loop variable with a destructor, kept across the await of a body
// without braces: ended once per iteration (it was destroyed twice).
Async<int> unbraced_body(std::vector<std::string> words) {
    int total = 0;
    for (std::string w : words) total += static_cast<int>(w.size()) * await(YieldOnce<int>(10));
    std::vector<Tracer> ts;
    ts.reserve(2);
    ts.emplace_back(1);
    ts.emplace_back(2);
    for (Tracer t : ts) total += t.id * await(YieldOnce<int>(100));
    return total;
}

int main() {
    for (int p : primes()) std::printf("prime %d\n", p);
    std::printf("braced %d\n", block_on(braced_lists()));
    std::printf("%s\n", block_on(no_suspension_inside(1)).c_str());
    std::printf("%s\n", block_on(no_suspension_inside(7)).c_str());
    std::printf("%d\n", block_on(sum_vector({1, 2, 3, 4, 5})));
    std::printf("%d\n", block_on(sum_array()));
    std::printf("%d\n", block_on(traced_loop()));
    std::printf("%d\n", block_on(over_temporary_array()));
    std::printf("%d\n", block_on(unbraced_body({"a", "bb"})));
}
