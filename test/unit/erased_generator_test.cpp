// Generator<Y, R>, Stream<T> and boxed() of a generator or a stream: one
// allocation, the object moved in once and destroyed once, as Async<T>.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace stackless;

namespace {

/// A generator written by hand the way the tool emits one: yields
/// first, first + 1, ..., first + n - 1, then returns R (the count).
template <class R>
class CountUp {
 public:
  using Yield = int;
  using Return = R;
  CountUp(test::LifeCounts& counts, int first, int n) : counts_(&counts), next_(first), left_(n) { ++counts_->constructed; }
  CountUp(CountUp&& other) noexcept : counts_(other.counts_), next_(other.next_), left_(other.left_) { ++counts_->moved; }
  ~CountUp() { ++counts_->destroyed; }

  GeneratorState<int, R> resume() {
    if (left_ == 0) {
      if constexpr (std::is_void_v<R>) return GeneratorState<int, R>::make_complete();
      else return GeneratorState<int, R>::make_complete(R(next_));
    }
    --left_;
    return GeneratorState<int, R>::make_yielded(next_++);
  }

 private:
  test::LifeCounts* counts_;
  int next_;
  int left_;
};

/// A stream written by hand: Pending once before each item (waking itself).
class Items {
 public:
  using Item = std::string;
  explicit Items(std::vector<std::string> items) : items_(std::move(items)) {}
  Poll<std::optional<std::string>> poll_next(Context& cx) {
    if (at_ == items_.size()) return Poll<std::optional<std::string>>::ready(std::nullopt);
    if (!ready_) {
      ready_ = true;
      cx.waker().wake_by_ref();
      return Poll<std::optional<std::string>>::pending();
    }
    ready_ = false;
    return Poll<std::optional<std::string>>::ready(items_[at_++]);
  }

 private:
  std::vector<std::string> items_;
  std::size_t at_ = 0;
  bool ready_ = false;
};

int sum(Generator<int> g) {  // a parameter: any generator of int converts
  int total = 0;
  for (int x : g) total += x;
  return total;
}

}  // namespace

TEST(Generator, OwnsItsGeneratorAndDestroysItOnce) {
  test::LifeCounts counts;
  {
    Generator<int> g = CountUp<void>(counts, 5, 2);
    EXPECT_EQ(counts.constructed, 1);
    EXPECT_EQ(counts.moved, 1);  // moved into the allocation, once
    EXPECT_EQ(counts.alive(), 1);

    EXPECT_EQ(g.resume().yielded(), 5);
    Generator<int> h = std::move(g);  // moves the pointer, not the generator
    EXPECT_EQ(counts.moved, 1);
    EXPECT_EQ(h.resume().yielded(), 6);
    EXPECT_TRUE(h.resume().is_complete());
    EXPECT_THROW(g.resume(), std::logic_error);  // moved from
    EXPECT_EQ(counts.alive(), 1);                 // kept until the Generator goes
  }
  EXPECT_EQ(counts.alive(), 0);
  EXPECT_EQ(counts.destroyed, 2);  // the temporary (moved from) and the boxed one
}

TEST(Generator, IsARangeWhenItReturnsNothing) {
  test::LifeCounts counts;
  std::vector<int> seen;
  for (int x : boxed(CountUp<void>(counts, 1, 4))) seen.push_back(x);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(sum(CountUp<void>(counts, 10, 3)), 33);
  EXPECT_EQ(counts.alive(), 0);
}

TEST(Generator, HandsOverItsReturnValue) {
  test::LifeCounts counts;
  auto g = boxed(CountUp<long>(counts, 7, 1));
  static_assert(std::is_same_v<decltype(g), Generator<int, long>>, "boxed() of a generator is a Generator");
  EXPECT_EQ(g.resume().yielded(), 7);
  auto end = g.resume();
  ASSERT_TRUE(end.is_complete());
  EXPECT_EQ(end.returned(), 8L);
}

TEST(Generator, TakesOnlyGeneratorsOfItsTypesMovedIn) {
  static_assert(std::is_constructible_v<Generator<int>, CountUp<void>>, "");
  static_assert(!std::is_constructible_v<Generator<int>, CountUp<void>&>, "an lvalue is not moved from silently");
  static_assert(!std::is_constructible_v<Generator<long>, CountUp<void>>, "the yield type must match");
  static_assert(!std::is_constructible_v<Generator<int>, CountUp<long>>, "the return type must match");
  static_assert(!std::is_copy_constructible_v<Generator<int>>, "move-only");
}

TEST(Stream, OwnsItsStreamAndRunsUnderBlockOn) {
  Stream<std::string> s = Items({"a", "b", "c"});
  Stream<std::string> t = std::move(s);
  test::CountingWaker counting;
  Waker waker = counting.make();
  Context cx(waker);
  EXPECT_TRUE(t.poll_next(cx).is_pending());
  EXPECT_EQ(counting.wakes_by_ref.load(), 1);
  EXPECT_EQ(*t.poll_next(cx).value(), "a");
  EXPECT_EQ(block_on(next(t)), std::optional<std::string>("b"));
  EXPECT_EQ(block_on(next(t)), std::optional<std::string>("c"));
  EXPECT_EQ(block_on(next(t)), std::nullopt);
  EXPECT_THROW(s.poll_next(cx), std::logic_error);  // moved from
}

TEST(Stream, BoxedIsAStream) {
  auto s = boxed(Items({"x"}));
  static_assert(std::is_same_v<decltype(s), Stream<std::string>>, "boxed() of a stream is a Stream");
  static_assert(!std::is_constructible_v<Stream<std::string>, Items&>, "an lvalue is not moved from silently");
  static_assert(!std::is_constructible_v<Stream<int>, Items>, "the item type must match");
  EXPECT_EQ(block_on(next(s)), std::optional<std::string>("x"));
}
