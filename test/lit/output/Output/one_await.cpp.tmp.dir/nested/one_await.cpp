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
// CHECK: class one_await_future {
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
// The future returned by `one_await` (one_await.cpp:45), lowered by stackless into a
// state machine: one state per await, and in each state only what
// must survive it.
class one_await_future {
public:
  using Output = std::uint64_t;

  // Calling `one_await` runs none of its body: it only stores the arguments (Unresumed).
  explicit one_await_future(std::uint64_t x) { ::new (x_.storage()) std::uint64_t(std::move(x)); }

  // A future may be moved until it is first polled; after that it may
  // hold pointers into itself (Pin).
  one_await_future(one_await_future &&other) {
    if (other.state_ != State::Unresumed)
      stackless::detail::moved_after_poll("one_await");
    ::new (x_.storage()) std::uint64_t(std::move(other.x_.ref()));
  }
  one_await_future(const one_await_future &) = delete;
  one_await_future &operator=(const one_await_future &) = delete;
  one_await_future &operator=(one_await_future &&) = delete;

  // No state holds anything with a destructor: dropping the future
  // needs no code (and a future awaiting this one need not track it).

  stackless::Poll<Output> poll(stackless::Context &cx) {
    // Names for the objects kept in slots.
    auto &x = x_.ref();
    // Resume where the last poll left off.
    const State resume_at = state_;
    state_ = State::Poisoned; // until it suspends or returns: an exception leaves it so
    switch (resume_at) {
    case State::Unresumed:
      break;
    case State::Suspend0_Leaf_L46:
      goto Suspend0_Leaf_L46;
    case State::Returned:
    case State::Poisoned:
      stackless::detail::polled_when_done("one_await");
    }

    // line 46: await(Leaf{x})
    ::new (states_.suspend0.awaited.storage()) Leaf(Leaf{x});
  Suspend0_Leaf_L46:
    stackless::Slot<uint64_t> result0_; // the value of the await
    if (!stackless::detail::poll_into(states_.suspend0.awaited.ref(), cx, result0_)) {
      state_ = State::Suspend0_Leaf_L46;
      return stackless::Poll<Output>::pending();
    }
    std::uint64_t y = result0_.take();
    states_.suspend0.awaited.destroy();

    {
      state_ = State::Returned;
      return stackless::Poll<Output>::ready(y + x);
    }

    // End of the body.
    stackless::detail::fell_off_end("one_await");
  }

private:
  enum class State : unsigned char {
    Unresumed,         // holds x
    Suspend0_Leaf_L46, // line 46: await(Leaf{x}); holds x, awaited
    Returned,
    Poisoned,
  };

  // What each state keeps on its own. States are never alive together,
  // so they share storage: the talk's enum of structs.
  struct Suspend0_Leaf_L46 {
    stackless::Slot<Leaf> awaited;
  };
  union States {
    Suspend0_Leaf_L46 suspend0;
  };

  // Kept across several states: each has one fixed address.
  stackless::Slot<std::uint64_t> x_; // x: kept in Unresumed, Suspend0_Leaf_L46
  States states_;
  State state_ = State::Unresumed;
};

one_await_future one_await(std::uint64_t x) { return one_await_future(std::move(x)); }

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
