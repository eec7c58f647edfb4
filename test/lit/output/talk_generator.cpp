// The talk's generator lowers to the talk's states: Unresumed {xs},
// Suspend0 {xs, the forward iterator, sum}, Suspend1 {xs, the reverse
// iterator, sum}, Returned (and Poisoned, our addition).
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <vector>
#include <stackless/stackless.hpp>
using namespace stackless;

Generator<int> sums(std::vector<int> xs) {
    int sum = 0;
    for (int x : xs) { sum += x; yield(sum); }
    for (auto it = xs.rbegin(); it != xs.rend(); ++it) { sum -= *it; yield(sum); }
}

// CHECK: class {{\[\[maybe_unused\]\]}} sums_generator {
// CHECK:   using Yield = int;
// CHECK:   using Return = void;
// CHECK:   stackless::GeneratorIterator<sums_generator> begin()
// CHECK:   stackless::GeneratorState<Yield, Return> resume() {
// CHECK:     return stackless::GeneratorState<Yield, Return>::make_yielded(sum);
// CHECK:   enum class State : unsigned char {
// CHECK-NEXT: Unresumed, // holds xs
// CHECK-NEXT: Suspend0_yield_L11, // line 11: yield(sum); holds xs, sum, [[ITER:iter[0-9]+]], [[END:end[0-9]+]]
// CHECK-NEXT: Suspend1_yield_L12, // line 12: yield(sum); holds xs, sum, it
// CHECK-NEXT: Returned,
// CHECK-NEXT: Poisoned,
// CHECK:   struct Suspend0_yield_L11 {
// CHECK-NEXT: stackless::Slot<{{.*}}> [[ITER]];
// CHECK-NEXT: stackless::Slot<{{.*}}> [[END]];
// CHECK:   struct Suspend1_yield_L12 {
// CHECK-NEXT: stackless::Slot<std::{{.*}}reverse_iterator
// CHECK:   union States {
// CHECK-NEXT: Suspend0_yield_L11 suspend0;
// CHECK-NEXT: Suspend1_yield_L12 suspend1;
// CHECK: sums_generator sums(std::vector<int> xs) { return sums_generator(std::move(xs)); }
