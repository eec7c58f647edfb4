// stackless/stackless.hpp — the whole runtime, and the input markers, in one include.
//
// Input code (SPEC section 1) includes this and nothing else:
//
//     #include <stackless/stackless.hpp>
//     using namespace stackless;
//
// What is where:
//   poll.hpp, waker.hpp, context.hpp, future.hpp   the poll interface
//   generator_state.hpp                            what resuming a generator gives
//   async.hpp, generator.hpp, stream.hpp           Async<T>, Generator<Y, R>, Stream<T>: the return-type
//                                                  markers, and the type-erased (boxed) objects
//   boxed.hpp                                      boxed(x): any of them behind one allocation
//   markers.hpp                                    await() and yield()
//   block_on.hpp                                   run one future on this thread
//   executor.hpp, spawner.hpp, join_handle.hpp     the talk's executor (task.hpp, task_queue.hpp and
//                                                  scheduler.hpp are its machinery)
//   timer.hpp                                      TimerFuture: the talk's thread-per-timer future
//   sleep.hpp                                      sleep_for/sleep_until on one timer queue (timer_queue.hpp)
//   join.hpp, select.hpp, ready.hpp, pending.hpp,  combinators and small futures
//   yield_now.hpp, poll_fn.hpp
#pragma once

#include "async.hpp"
#include "block_on.hpp"
#include "boxed.hpp"
#include "context.hpp"
#include "executor.hpp"
#include "future.hpp"
#include "generator.hpp"
#include "generator_range.hpp"
#include "generator_state.hpp"
#include "local.hpp"
#include "scope_exit.hpp"
#include "lowered.hpp"
#include "join.hpp"
#include "join_handle.hpp"
#include "markers.hpp"
#include "pending.hpp"
#include "poll.hpp"
#include "poll_fn.hpp"
#include "range_access.hpp"
#include "ready.hpp"
#include "select.hpp"
#include "sleep.hpp"
#include "spawner.hpp"
#include "stream.hpp"
#include "stream_next.hpp"
#include "timer.hpp"
#include "waker.hpp"
#include "yield_now.hpp"
