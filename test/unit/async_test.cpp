// Async<T> and boxed(): one allocation, the future moved in once, destroyed once.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "test_support.hpp"

using namespace stackless;

TEST(Async, OwnsItsFutureAndDestroysItOnce) {
  test::LifeCounts counts;
  {
    Async<int> a = boxed(test::Countdown(counts, 1, 42));
    EXPECT_EQ(counts.constructed, 1);
    EXPECT_EQ(counts.moved, 1);  // moved into the allocation, once
    EXPECT_EQ(counts.alive(), 1);

    EXPECT_TRUE(test::poll_once(a).is_pending());
    Async<int> b = std::move(a);  // moves the pointer, not the future
    EXPECT_EQ(counts.moved, 1);
    auto result = test::poll_once(b);
    ASSERT_TRUE(result.is_ready());
    EXPECT_EQ(result.value(), 42);
    EXPECT_EQ(counts.alive(), 1);  // kept until the Async goes
    EXPECT_THROW(test::poll_once(a), std::logic_error);  // moved from
  }
  EXPECT_EQ(counts.alive(), 0);
  EXPECT_EQ(counts.destroyed, 2);  // the temporary (moved from) and the boxed one
}

TEST(Async, PollAfterReadyThrows) {
  Async<std::string> a = ready(std::string("x"));
  EXPECT_EQ(test::poll_once(a).value(), "x");
  EXPECT_THROW(test::poll_once(a), std::logic_error);
}

TEST(Async, VoidAndMoveOnlyOutputs) {
  Async<void> v = yield_now();
  EXPECT_TRUE(test::poll_once(v).is_pending());
  EXPECT_TRUE(test::poll_once(v).is_ready());

  Async<std::unique_ptr<int>> p = boxed(ready(std::make_unique<int>(3)));
  EXPECT_EQ(*std::move(test::poll_once(p)).value(), 3);
}

TEST(Async, BoxesAnAsyncAndRunsUnderBlockOn) {
  Async<int> inner = boxed(ready(5));
  Async<int> outer = boxed(std::move(inner));
  EXPECT_EQ(block_on(outer), 5);
}
