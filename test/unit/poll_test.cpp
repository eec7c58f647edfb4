// Poll, GeneratorState, Context, the future traits, and the input markers.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "test_support.hpp"

using namespace stackless;

TEST(Poll, ReadyHoldsItsValue) {
  Poll<int> p = Poll<int>::ready(42);
  EXPECT_TRUE(p.is_ready());
  EXPECT_FALSE(p.is_pending());
  EXPECT_EQ(p.value(), 42);
  p.value() = 7;
  EXPECT_EQ(std::as_const(p).value(), 7);
}

TEST(Poll, PendingHasNoValue) {
  Poll<std::string> p = Poll<std::string>::pending();
  EXPECT_TRUE(p.is_pending());
  EXPECT_FALSE(p.is_ready());
  EXPECT_THROW(p.value(), std::logic_error);
}

TEST(Poll, SupportsMoveOnlyValues) {
  Poll<std::unique_ptr<int>> p = Poll<std::unique_ptr<int>>::ready(std::make_unique<int>(5));
  std::unique_ptr<int> taken = std::move(p).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 5);
}

TEST(Poll, ReadyInPlaceMovesNothing) {
  struct Pinned {
    int a, b;
    Pinned(int x, int y) : a(x), b(y) {}
    Pinned(Pinned&&) = delete;
  };
  Poll<Pinned> p = Poll<Pinned>::ready_in_place(2, 3);
  ASSERT_TRUE(p.is_ready());
  EXPECT_EQ(p.value().a + p.value().b, 5);
}

TEST(Poll, VoidReadyAndPending) {
  EXPECT_TRUE(Poll<void>::ready().is_ready());
  EXPECT_TRUE(Poll<void>::pending().is_pending());
  EXPECT_FALSE(Poll<void>::pending().is_ready());
}

TEST(GeneratorState, YieldedAndCompleteWithValue) {
  auto y = GeneratorState<int, std::string>::make_yielded(3);
  EXPECT_TRUE(y.is_yielded());
  EXPECT_FALSE(y.is_complete());
  EXPECT_EQ(y.yielded(), 3);
  EXPECT_THROW(y.returned(), std::logic_error);

  auto c = GeneratorState<int, std::string>::make_complete("end");
  EXPECT_TRUE(c.is_complete());
  EXPECT_EQ(c.returned(), "end");
  EXPECT_THROW(c.yielded(), std::logic_error);
}

TEST(GeneratorState, SameYieldAndReturnTypesStayDistinct) {
  auto y = GeneratorState<int, int>::make_yielded(1);
  auto c = GeneratorState<int, int>::make_complete(2);
  EXPECT_TRUE(y.is_yielded());
  EXPECT_TRUE(c.is_complete());
  EXPECT_EQ(c.returned(), 2);
}

TEST(GeneratorState, VoidReturn) {
  auto y = GeneratorState<std::unique_ptr<int>>::make_yielded(std::make_unique<int>(9));
  EXPECT_EQ(*y.yielded(), 9);
  auto c = GeneratorState<std::unique_ptr<int>>::make_complete();
  EXPECT_TRUE(c.is_complete());
  EXPECT_THROW(c.yielded(), std::logic_error);
}

TEST(Context, RefersToItsWaker) {
  test::CountingWaker counter;
  {
    const Waker waker = counter.make();
    Context cx(waker);
    EXPECT_EQ(&cx.waker(), &waker);
    cx.waker().wake_by_ref();
  }
  EXPECT_EQ(counter.wakes_by_ref.load(), 1);
  EXPECT_EQ(counter.alive(), 0);
  static_assert(!std::is_constructible_v<Context, Waker&&>, "a Context must not refer to a temporary Waker");
}

namespace {
struct HandWritten {
  using Output = int;
  Poll<int> poll(Context&) { return Poll<int>::ready(1); }
};
struct WrongPollType {
  using Output = int;
  Poll<long> poll(Context&);
};
struct NoOutput {
  Poll<int> poll(Context&);
};
}  // namespace

TEST(FutureTraits, RecogniseFutures) {
  static_assert(is_future_v<HandWritten>);
  static_assert(std::is_same_v<future_output_t<HandWritten>, int>);
  static_assert(!is_future_v<WrongPollType>);
  static_assert(!is_future_v<NoOutput>);
  static_assert(!is_future_v<int>);
  static_assert(is_future_v<Async<void>>);
  static_assert(is_future_v<JoinHandle<int>>);
  static_assert(is_future_v<TimerFuture> && is_future_v<Sleep>);
#if defined(__cpp_concepts) && __cpp_concepts >= 201907L
  static_assert(Future<HandWritten> && !Future<NoOutput>);
#endif
  HandWritten f;
  EXPECT_EQ(test::poll_once(f).value(), 1);
}

// The input markers only need to type-check (SPEC section 1): `return value;`
// in an async function or generator converts through a declared constructor.
TEST(Markers, ReturnValuesTypeCheck) {
  static_assert(std::is_convertible_v<int, Async<int>>);
  static_assert(std::is_convertible_v<const char*, Async<std::string>>);
  static_assert(!std::is_convertible_v<int, Async<void>>);
  static_assert(!std::is_convertible_v<std::string, Async<int>>);
  static_assert(!std::is_convertible_v<Async<long>, Async<int>>);  // a future of long is not an int
  static_assert(std::is_convertible_v<long, Generator<int, long>>);
  static_assert(!std::is_convertible_v<long, Generator<int>>);
  static_assert(std::is_class_v<Stream<int>>);
  static_assert(std::is_same_v<decltype(stackless::await(std::declval<Async<int>>())), int>);
  SUCCEED();
}
