// join, select, ready, pending, yield_now, poll_fn.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "test_support.hpp"

using namespace stackless;
using namespace std::chrono_literals;

TEST(Join, CollectsMixedOutputsIncludingVoid) {
  test::LifeCounts counts;
  auto joined = join(ready(1), yield_now(), ready(std::string("two")), test::Countdown(counts, 2, 3));
  static_assert(std::is_same_v<decltype(joined)::Output, std::tuple<int, std::monostate, std::string, int>>);
  auto [a, nothing, b, c] = block_on(joined);
  EXPECT_EQ(a, 1);
  EXPECT_EQ(nothing, std::monostate{});
  EXPECT_EQ(b, "two");
  EXPECT_EQ(c, 3);
  EXPECT_THROW(test::poll_once(joined), std::logic_error);
}

TEST(Join, FinishedFuturesAreNotPolledAgain) {
  test::LifeCounts counts;
  auto joined = join(ready(1), test::Countdown(counts, 2, 2));  // ready() throws if polled twice
  EXPECT_TRUE(test::poll_once(joined).is_pending());
  EXPECT_TRUE(test::poll_once(joined).is_pending());
  auto result = test::poll_once(joined);
  ASSERT_TRUE(result.is_ready());
  EXPECT_EQ(result.value(), std::make_tuple(1, 2));
  EXPECT_EQ(counts.alive(), 0);  // a finished future is destroyed at once
}

TEST(Select, FirstToFinishWinsAndTheLoserIsDestroyedAtOnce) {
  test::LifeCounts slow;
  test::LifeCounts fast;
  auto selected = select(test::Countdown(slow, 5, 1), test::Countdown(fast, 1, 2));
  EXPECT_TRUE(test::poll_once(selected).is_pending());
  EXPECT_EQ(slow.alive(), 1);
  auto result = test::poll_once(selected);
  ASSERT_TRUE(result.is_ready());
  EXPECT_EQ(result.value().index(), 1u);
  EXPECT_EQ(std::get<1>(result.value()), 2);
  EXPECT_EQ(slow.alive(), 0);  // destroyed before select returned, not with `selected`
  EXPECT_EQ(fast.alive(), 0);
  EXPECT_THROW(test::poll_once(selected), std::logic_error);
}

TEST(Select, FirstFutureWinsATie) {
  auto result = block_on(select(ready(1), ready(std::string("b"))));
  EXPECT_EQ(result.index(), 0u);
  EXPECT_EQ(std::get<0>(result), 1);
  auto same_types = block_on(select(pending<int>(), ready(5)));
  EXPECT_EQ(same_types.index(), 1u);
  EXPECT_EQ(std::get<1>(same_types), 5);
}

TEST(Select, PendingTimesOutAgainstASleep) {
  const auto start = std::chrono::steady_clock::now();
  auto result = block_on(select(pending<int>(), sleep_for(10ms)));
  static_assert(std::is_same_v<decltype(result), std::variant<int, std::monostate>>);
  EXPECT_EQ(result.index(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 10ms);
}

TEST(Ready, HandsOutItsValueOnce) {
  auto r = ready(std::make_unique<int>(4));
  EXPECT_EQ(*std::move(test::poll_once(r)).value(), 4);
  EXPECT_THROW(test::poll_once(r), std::logic_error);
  auto v = ready();
  EXPECT_TRUE(test::poll_once(v).is_ready());
  EXPECT_THROW(test::poll_once(v), std::logic_error);
}

TEST(Pending, NeverReadyNeverWakes) {
  test::CountingWaker counter;
  {
    auto p = pending<std::string>();
    const Waker waker = counter.make();
    Context cx(waker);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(p.poll(cx).is_pending());
  }
  EXPECT_EQ(counter.woken(), 0);
  EXPECT_EQ(counter.alive(), 0);
}

TEST(YieldNow, PendingOnceWakingItself) {
  test::CountingWaker counter;
  {
    auto y = yield_now();
    const Waker waker = counter.make();
    Context cx(waker);
    EXPECT_TRUE(y.poll(cx).is_pending());
    EXPECT_EQ(counter.wakes_by_ref.load(), 1);
    EXPECT_TRUE(y.poll(cx).is_ready());
    EXPECT_THROW(y.poll(cx), std::logic_error);
  }
  EXPECT_EQ(counter.alive(), 0);
}

TEST(PollFn, CallsTheCallableUntilReady) {
  int calls = 0;
  auto f = poll_fn([&calls](Context& cx) {
    if (++calls < 3) {
      cx.waker().wake_by_ref();
      return Poll<std::string>::pending();
    }
    return Poll<std::string>::ready("after " + std::to_string(calls));
  });
  static_assert(std::is_same_v<decltype(f)::Output, std::string>);
  EXPECT_EQ(block_on(f), "after 3");
  EXPECT_EQ(calls, 3);
  EXPECT_THROW(test::poll_once(f), std::logic_error);
  EXPECT_EQ(calls, 3);
}
