// The shape of the output: the talk's enum of states, one struct per state
// in a union, a poll that switches on the state, and the factory function.
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
// --output-dir creates the directory, and writes the same output there.
// RUN: rm -rf %t.dir && %stackless %s --output-dir %t.dir/nested -- -std=c++17 -I%runtime
// RUN: grep -v "// CHECK" %t.dir/nested/one_await.cpp | FileCheck %s
#include <cstdint>
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf {
    using Output = std::uint64_t;
    std::uint64_t value;
    bool yielded = false;
    Poll<std::uint64_t> poll(Context& cx);
};

// CHECK: #include <stackless/stackless.hpp>
// CHECK: class {{\[\[maybe_unused\]\]}} one_await_future {
// CHECK:   using Output = std::uint64_t;
// CHECK:   explicit one_await_future(std::uint64_t x) {
// Leaf and the parameter are trivially destructible: no destructor.
// CHECK-NOT: ~one_await_future()
// CHECK:   // No state holds anything with a destructor: dropping the future
// CHECK:   stackless::Poll<Output> poll(stackless::Context &cx) {
// Nothing to destroy if an exception escapes: no handler; the state reads
// Poisoned from the dispatch on, until the body suspends (recording its
// state) or returns.
// CHECK-NOT: try {
// CHECK:     const State resume_at = state_;
// CHECK-NEXT: state_ = State::Poisoned;
// CHECK-NEXT: switch (resume_at) {
// CHECK-NEXT: case State::Unresumed:
// CHECK-NEXT:  break;
// CHECK-NEXT: case State::Suspend0_Leaf_L{{[0-9]+}}:
// CHECK-NEXT:  goto Suspend0_Leaf_L{{[0-9]+}};
// CHECK-NEXT: case State::Returned:
// CHECK-NEXT: case State::Poisoned:
// CHECK-NEXT:  stackless::detail::polled_when_done("one_await");
// CHECK:       Suspend0_Leaf_L{{[0-9]+}}:
// CHECK-NEXT:  stackless::Slot<{{(std::)?}}uint64_t> result0_; // the value of the await
// CHECK-NEXT:  if (!stackless::detail::poll_into(states_.suspend0.awaited.ref(), cx, result0_)) {
// CHECK-NEXT:    state_ = State::Suspend0_Leaf_L{{[0-9]+}};
// CHECK-NEXT:    return stackless::Poll<Output>::pending();
Async<std::uint64_t> one_await(std::uint64_t x) {
    std::uint64_t y = await(Leaf{x});
    return y + x;
}
// CHECK:   enum class State : unsigned char {
// CHECK-NEXT: Unresumed, // holds x
// CHECK-NEXT: Suspend0_Leaf_L{{[0-9]+}}, // line {{[0-9]+}}: await(Leaf{x}); holds x, awaited
// CHECK-NEXT: Returned,
// CHECK-NEXT: Poisoned,
// CHECK:   struct Suspend0_Leaf_L{{[0-9]+}} {
// CHECK-NEXT: stackless::Slot<Leaf> awaited;
// CHECK:   union States {
// CHECK-NEXT: Suspend0_Leaf_L{{[0-9]+}} suspend0;
// CHECK:   stackless::Slot<std::uint64_t> x_; // x: kept in Unresumed, Suspend0_Leaf_L{{[0-9]+}}
// CHECK:   State state_ = State::Unresumed;
// CHECK: one_await_future one_await(std::uint64_t x) { return one_await_future(std::move(x)); }

// The rest of the file is left as it was.
// CHECK: int untouched(int a) { return a * 2; }
int untouched(int a) { return a * 2; }
