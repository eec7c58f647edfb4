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

// The future returned by `sums` (main.cpp:19), lowered by stackless into a
// state machine: one state per await, and in each state only what
// must survive it.
class [[maybe_unused]] sums_generator {
public:
  using Yield = int;
  using Return = void;

  // Calling `sums` runs none of its body: it only stores the arguments (Unresumed).
  explicit sums_generator(std::vector<int> xs) {
    ::new (xs_.storage()) std::vector<int>(std::move(xs));
  }

  // A future may be moved until it is first polled; after that it may
  // hold pointers into itself (Pin).
  sums_generator(sums_generator &&other) {
    if (other.state_ != State::Unresumed)
      stackless::detail::moved_after_poll("sums");
    ::new (xs_.storage()) std::vector<int>(std::move(other.xs_.ref()));
  }
  sums_generator(const sums_generator &) = delete;
  sums_generator &operator=(const sums_generator &) = delete;
  sums_generator &operator=(sums_generator &&) = delete;

  // Dropping the future destroys its parameters: no state holds anything
  // else with a destructor.
  ~sums_generator() { xs_.destroy(); }

  // A Generator<Y, void> is an input range: for (auto y : gen) ...
  stackless::GeneratorIterator<sums_generator> begin() {
    return stackless::GeneratorIterator<sums_generator>(*this);
  }
  auto end() { return stackless::GeneratorIterator<sums_generator>::end(); }

  stackless::GeneratorState<Yield, Return> resume() {
    // Names for the objects kept in slots.
    auto &xs = xs_.ref();
    auto &sum = sum_.ref();
    auto &iter0 = states_.suspend0.iter0.ref();
    auto &end0 = states_.suspend0.end0.ref();
    auto &it = states_.suspend1.it.ref();
    // Resume where the last poll left off.
    const State resume_at = state_;
    state_ = State::Poisoned; // until it suspends or returns: an exception leaves it so
    switch (resume_at) {
    case State::Unresumed:
      break;
    case State::Suspend0_yield_L23:
      goto Suspend0_yield_L23;
    case State::Suspend1_yield_L27:
      goto Suspend1_yield_L27;
    case State::Returned:
    case State::Poisoned:
      stackless::detail::polled_when_done("sums");
    }

    // int sum = 0
    ::new (sum_.storage()) int(0);

    {
      // for (int x : xs)
      ::new (states_.suspend0.iter0.storage()) std::vector<int>::iterator(xs.begin());
      ::new (states_.suspend0.end0.storage()) std::vector<int>::iterator(xs.end());
      // (rotated: the loop's test is also at its bottom)
      if (iter0 != end0) do {
        int x;
        x = *iter0;
        sum += x;
        // line 23: yield(sum)
        state_ = State::Suspend0_yield_L23;
        return stackless::GeneratorState<Yield, Return>::make_yielded(sum);
      Suspend0_yield_L23:;
      } while ((void)++iter0, iter0 != end0);
    }
    {
      // auto it = xs.rbegin()
      ::new (states_.suspend1.it.storage()) std::vector<int>::reverse_iterator(xs.rbegin());

      // (rotated: the loop's test is also at its bottom)
      if (it != xs.rend()) do {
        sum -= *it;
        // line 27: yield(sum)
        state_ = State::Suspend1_yield_L27;
        return stackless::GeneratorState<Yield, Return>::make_yielded(sum);
      Suspend1_yield_L27:;
      } while ((void)++it, it != xs.rend());
    }

    // End of the body.
    state_ = State::Returned;
    return stackless::GeneratorState<Yield, Return>::make_complete();
  }

private:
  enum class State : unsigned char {
    Unresumed,          // holds xs
    Suspend0_yield_L23, // line 23: yield(sum); holds xs, sum, iter0, end0
    Suspend1_yield_L27, // line 27: yield(sum); holds xs, sum, it
    Returned,
    Poisoned,
  };

  // What each state keeps on its own. States are never alive together,
  // so they share storage: the talk's enum of structs.
  struct Suspend0_yield_L23 {
    stackless::Slot<std::vector<int>::iterator> iter0;
    stackless::Slot<std::vector<int>::iterator> end0;
  };
  struct Suspend1_yield_L27 {
    stackless::Slot<std::vector<int>::reverse_iterator> it;
  };
  union States {
    Suspend0_yield_L23 suspend0;
    Suspend1_yield_L27 suspend1;
  };

  // Kept across several states: each has one fixed address.
  // xs: kept in Unresumed, Suspend0_yield_L23, Suspend1_yield_L27
  stackless::Slot<std::vector<int>> xs_;
  States states_;
  stackless::Slot<int> sum_; // sum: kept in Suspend0_yield_L23, Suspend1_yield_L27
  State state_ = State::Unresumed;
};

sums_generator sums(std::vector<int> xs) { return sums_generator(std::move(xs)); }


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
