// stackless/marker_args.hpp — what the return-type markers accept in input code.
//
// In the input code, `return x;` in an Async<T> function initializes an
// Async<T> from x, and the same holds for Generator<Y, R> and its R. So
// that every `return` valid for a T is valid for the marker, the markers
// have constructors (declared, never called: the tool rewrites every
// return) from:
//   ValueArg<T>  a T itself: `return {2, m};` of an aggregate T, `return h;`
//                of a T that is itself a future (a JoinHandle);
//   ListArg<T>   the initializer_list of T's elements: `return {"a"};` in
//                an Async<std::vector<std::string>>.
// When T has no such form (void; no value_type), the parameter is a tag
// type no argument converts to, so the constructor never applies.
//
// STACKLESS_MARKER_BODY ends the declaration of a marker function. Only
// declared (`;`), a program built without the tool fails to link, the
// intended signal that a build step is missing; while the tool parses the
// input (STACKLESS_TRANSPILING), it has a body that is never run, since
// Clang rejects a function used but never defined whose type has internal
// linkage (a type in an anonymous namespace).
#pragma once

#include <cstdlib>
#include <initializer_list>
#include <type_traits>

#if defined(STACKLESS_TRANSPILING)
#define STACKLESS_MARKER_BODY \
  { std::abort(); }
#else
#define STACKLESS_MARKER_BODY ;
#endif

namespace stackless {
namespace detail {

struct NoValueArg {
  NoValueArg() = delete;
};
struct NoListArg {
  NoListArg() = delete;
};

template <class T>
using ValueArg = std::conditional_t<std::is_void_v<T>, NoValueArg, T>;

template <class T, class = void>
struct ListArgOf {
  using type = NoListArg;
};
template <class T>
struct ListArgOf<T, std::void_t<typename T::value_type>> {
  using type = std::conditional_t<std::is_constructible_v<T, std::initializer_list<typename T::value_type>>,
                                  std::initializer_list<typename T::value_type>, NoListArg>;
};
template <class T>
using ListArg = typename ListArgOf<T>::type;

}  // namespace detail
}  // namespace stackless
