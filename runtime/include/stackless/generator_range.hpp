// stackless/generator_range.hpp — a lowered Generator<Y, void> as an input range.
//
//     for (int s : sums({1, 2, 3})) std::printf("%d\n", s);
//
// begin() resumes the generator to its first yield; ++ resumes it to the
// next; the iterator equals end() once the generator completes. Nothing is
// allocated: the iterator holds a pointer to the generator and the last
// GeneratorState it returned.
//
// A value that cannot be copied (std::unique_ptr) is seen as an rvalue:
// `for (auto p : boxes())` moves each one out of the generator.
//
// end() is an iterator too (one made by the default constructor), so that
// C++17's algorithms, which take one iterator type, accept the range:
// std::accumulate(g.begin(), g.end(), 0), std::vector<int>(g.begin(),
// g.end()). For a yield type that cannot be copied (an iterator holding one
// cannot be copied either, as a C++20 sentinel must) it is the empty
// GeneratorSentinel.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <type_traits>

namespace stackless {

/// The end of a generator's range.
struct GeneratorSentinel {};

template <class G>
class GeneratorIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = typename G::Yield;
  using difference_type = std::ptrdiff_t;
  using pointer = value_type*;
  /// The yielded value itself; for a yield type that cannot be copied, as
  /// an rvalue (C++23's std::generator does the same), so that SPEC's
  /// `for (auto p : gen)` moves each value out: `const auto &` and `auto &&`
  /// work too, `auto &` does not.
  using reference = std::conditional_t<std::is_copy_constructible_v<value_type>, value_type&, value_type&&>;

  /// The end of the range.
  GeneratorIterator() = default;
  explicit GeneratorIterator(G& generator) : generator_(std::addressof(generator)) {
    state_.emplace(generator_->resume());
  }

  /// What a generator's end() returns: an end iterator, or a
  /// GeneratorSentinel when the yield type cannot be copied.
  static auto end() {
    if constexpr (std::is_copy_constructible_v<value_type>) {
      return GeneratorIterator();
    } else {
      return GeneratorSentinel{};
    }
  }

  // const, as C++20's std::input_iterator asks (std::ranges and views work
  // on a generator); the value is the generator's, not the iterator's.
  reference operator*() const { return static_cast<reference>(state_->yielded()); }
  pointer operator->() const { return std::addressof(state_->yielded()); }
  GeneratorIterator& operator++() {
    state_.reset();  // the previous value dies before the next is made
    state_.emplace(generator_->resume());
    return *this;
  }
  void operator++(int) { ++*this; }

  /// Equal when both are at the end (istream_iterator's rule).
  friend bool operator==(const GeneratorIterator& a, const GeneratorIterator& b) { return a.done() == b.done(); }
  friend bool operator!=(const GeneratorIterator& a, const GeneratorIterator& b) { return !(a == b); }
  friend bool operator==(const GeneratorIterator& it, GeneratorSentinel) { return it.done(); }
  friend bool operator!=(const GeneratorIterator& it, GeneratorSentinel s) { return !(it == s); }
  friend bool operator==(GeneratorSentinel s, const GeneratorIterator& it) { return it == s; }
  friend bool operator!=(GeneratorSentinel s, const GeneratorIterator& it) { return !(it == s); }

 private:
  bool done() const { return generator_ == nullptr || state_->is_complete(); }

  G* generator_ = nullptr;
  mutable std::optional<decltype(std::declval<G&>().resume())> state_;
};

}  // namespace stackless
