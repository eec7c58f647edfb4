// stackless/slot.hpp — raw storage for one object whose lifetime the
// generated code manages by hand.
//
// A lowered async function keeps the objects that survive a suspension point
// in its frame. C++ forbids jumping (our resume `goto`) past a declaration with
// an initializer, so such an object cannot stay a plain declaration: it lives
// in a Slot, is created where the user declared it (placement new, so that
// guaranteed copy elision still applies) and destroyed where its scope ends.
//
//     stackless::Slot<std::string> s;         // in the frame: just bytes
//     ::new (s.storage()) std::string("hi");  // the declaration
//     s.ref().size();                         // a use
//     s.destroy();                            // the end of its scope
//
// A Slot is trivially constructible, copyable and destructible on purpose: it
// can sit in a union (states that are never alive together share storage) and
// a jump may pass its declaration.
#pragma once

#include <cstddef>
#include <memory>  // std::addressof, which generated code uses with slots
#include <new>
#include <type_traits>

namespace stackless {
namespace detail {

/// `obj.~T()`, also for an array (its elements, last first), which C++17's
/// std::destroy_at does not take.
template <class T>
void destroy_object(T& obj) noexcept {
    if constexpr (std::is_array_v<T>) {
        for (std::size_t i = std::extent_v<T>; i-- > 0;)
            destroy_object(obj[i]);
    } else {
        obj.~T();
    }
}

}  // namespace detail

template <class T>
struct Slot {
    alignas(T) unsigned char bytes[sizeof(T)];

    /// Where to construct the object.
    void* storage() noexcept { return static_cast<void*>(bytes); }
    /// The object (or, before construction, the storage it will occupy:
    /// generated code binds its names to slots once, at the top of poll).
    T& ref() noexcept { return *reinterpret_cast<T*>(bytes); }
    /// Ends the object's lifetime.
    void destroy() noexcept { detail::destroy_object(ref()); }
    /// Moves the object out and ends its lifetime (an await's result).
    template <class U = T>
    U take() {
        U value(static_cast<U&&>(ref()));
        destroy();
        return value;
    }
};

}  // namespace stackless
