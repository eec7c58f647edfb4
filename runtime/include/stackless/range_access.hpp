// stackless/range_access.hpp — a range-for's begin and end, for lowered code.
//
// A range-for that suspends in its body keeps its iterators in the future's
// state. In a template whose range type depends on a parameter, Clang does
// not say yet which begin()/end() the loop calls (that is decided at each
// instantiation), so the generated code calls these, which choose as the
// range-for does: a pointer for an array, the members begin() and end() when
// the class has both, otherwise begin(r) and end(r) found by argument-
// dependent lookup.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace stackless {
namespace detail {
namespace range_adl {

template <class R, class = void>
struct has_members : std::false_type {};
template <class R>
struct has_members<R, std::void_t<decltype(std::declval<R&>().begin()),
                                  decltype(std::declval<R&>().end())>> : std::true_type {};

template <class R>
constexpr auto begin_of(R& r) {
    if constexpr (std::is_array_v<R>)
        return r + 0;
    else if constexpr (has_members<R>::value)
        return r.begin();
    else
        return begin(r);  // argument-dependent lookup only, as in a range-for
}

template <class R>
constexpr auto end_of(R& r) {
    if constexpr (std::is_array_v<R>)
        return r + std::extent_v<R>;
    else if constexpr (has_members<R>::value)
        return r.end();
    else
        return end(r);
}

}  // namespace range_adl

template <class R>
constexpr auto range_begin(R& r) {
    return range_adl::begin_of(r);
}
template <class R>
constexpr auto range_end(R& r) {
    return range_adl::end_of(r);
}

}  // namespace detail
}  // namespace stackless
