// The destructor (cancellation): each state's own objects are destroyed in a
// switch on the state, then the parameters, which every state holds. A
// future whose states hold nothing else with a destructor has no switch: it
// would keep the state alive after a consumer's loop (g++ then stops
// threading the resume dispatch; docs/performance.md, G1).
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <cstdint>
#include <string>
#include <vector>
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf {
    using Output = std::uint64_t;
    Poll<std::uint64_t> poll(Context& cx);
};

// Only the parameter has a destructor.
Generator<int> only_parameter(std::vector<int> xs) {
    for (int x : xs) yield(x);
}
// CHECK: class {{\[\[maybe_unused\]\]}} only_parameter_generator {
// CHECK: // Dropping the future destroys its parameters: no state holds anything
// CHECK-NEXT: // else with a destructor.
// CHECK-NEXT: ~only_parameter_generator() { xs_.destroy(); }
// CHECK-NOT: switch (state_)
// CHECK: resume() {

// A local kept across the second await only, and a parameter.
Async<std::size_t> local_and_parameter(std::string a) {
    await(Leaf{});
    std::string b = a + "!";
    await(Leaf{});
    return a.size() + b.size();
}
// CHECK: class {{\[\[maybe_unused\]\]}} local_and_parameter_future {
// CHECK: // Dropping the future destroys exactly what its state holds, then the
// CHECK-NEXT: // parameters.
// CHECK-NEXT: ~local_and_parameter_future() {
// CHECK-NEXT: switch (state_) {
// CHECK-NEXT: case State::Suspend1_Leaf_L{{[0-9]+}}:
// CHECK-NEXT: states_.suspend1.b.destroy();
// CHECK-NEXT: break;
// CHECK-NEXT: case State::Unresumed:
// CHECK-NEXT: case State::Suspend0_Leaf_L{{[0-9]+}}:
// CHECK-NEXT: case State::Returned:
// CHECK-NEXT: case State::Poisoned:
// CHECK-NEXT: break;
// CHECK-NEXT: }
// CHECK-NEXT: a_.destroy();
// CHECK-NEXT: }
