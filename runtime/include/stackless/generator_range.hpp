// stackless/generator_range.hpp — a lowered Generator<Y, void> as an input range.
//
//     for (int s : sums({1, 2, 3})) std::printf("%d\n", s);
//
// begin() resumes the generator to its first yield; ++ resumes it to the
// next; the iterator equals end() once the generator completes. Nothing is
// allocated: the iterator holds a pointer to the generator and the last
// GeneratorState it returned.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>

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
  using reference = value_type&;

  explicit GeneratorIterator(G& generator) : generator_(std::addressof(generator)) {
    state_.emplace(generator_->resume());
  }

  // const, as C++20's std::input_iterator asks (std::ranges and views work
  // on a generator); the value is the generator's, not the iterator's.
  reference operator*() const { return state_->yielded(); }
  pointer operator->() const { return std::addressof(state_->yielded()); }
  GeneratorIterator& operator++() {
    state_.reset();  // the previous value dies before the next is made
    state_.emplace(generator_->resume());
    return *this;
  }
  void operator++(int) { ++*this; }

  friend bool operator==(const GeneratorIterator& it, GeneratorSentinel) { return it.state_->is_complete(); }
  friend bool operator!=(const GeneratorIterator& it, GeneratorSentinel s) { return !(it == s); }
  friend bool operator==(GeneratorSentinel s, const GeneratorIterator& it) { return it == s; }
  friend bool operator!=(GeneratorSentinel s, const GeneratorIterator& it) { return !(it == s); }

 private:
  G* generator_;
  mutable std::optional<decltype(std::declval<G&>().resume())> state_;
};

}  // namespace stackless
