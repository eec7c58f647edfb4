// A lambda the awaited future holds (`poll_fn([&](Context &cx) {...})`):
// the lambda is written in a function before the class, whose alias names
// its type; the state keeps the future by the type spelled from the awaited
// expression, and poll makes the lambda by calling that function (poll_fn
// moves it in: no temporary of it is kept).
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> count_polls(int n) {
    int polls = 0;
    int v = await(poll_fn([&](Context& cx) -> Poll<int> {
        if (++polls < n) {
            cx.waker().wake_by_ref();
            return Poll<int>::pending();
        }
        return Poll<int>::ready(polls);
    }));
    return v;
}

// CHECK: // The lambda of line [[@LINE-10]] is held by an object kept across an await: made
// CHECK: inline auto count_polls_lambda_L[[@LINE-11]](int &polls, int &n) {
// CHECK-NEXT:  return [&polls, &n](Context &cx) -> Poll<int> {
// CHECK: using count_polls_lambda_L[[@LINE-13]]_type =
// CHECK-NEXT: decltype(count_polls_lambda_L[[@LINE-14]](std::declval<int &>(), std::declval<int &>()));
// CHECK: class {{\[\[maybe_unused\]\]}} count_polls_future {
// CHECK:         std::decay_t<decltype(poll_fn(std::declval<count_polls_lambda_L[[@LINE-16]]_type>()))>(
// CHECK-NEXT:        poll_fn(count_polls_lambda_L[[@LINE-17]](polls, n)));
// CHECK:     stackless::Slot<std::decay_t<decltype(poll_fn(std::declval<count_polls_lambda_L[[@LINE-18]]_type>()))>>
