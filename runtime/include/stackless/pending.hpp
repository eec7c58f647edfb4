// stackless/pending.hpp — pending<T>(): a future that is never Ready.
//
//     select(pending<int>(), sleep_for(5ms))   // always ends with the sleep
//
// Invariants: every poll returns Pending and it never wakes its Waker (so a
// task awaiting only this is never polled again; an executor cancels such a
// task, see scheduler.hpp).
#pragma once

#include "context.hpp"
#include "poll.hpp"

namespace stackless {

template <class T = void>
class Pending {
 public:
  using Output = T;

  Poll<T> poll(Context&) { return Poll<T>::pending(); }
};

/// A future of T that never completes.
template <class T = void>
Pending<T> pending() {
  return Pending<T>();
}

}  // namespace stackless
