// An async lambda awaited where it is written (the talk's `async { ... }`
// awaited): its class goes before the enclosing function's, whose state
// keeps the lambda's future by its own type (no Async<T>, no allocation),
// and the lambda only makes it, moving its captures in.
// RUN: %stackless %s -o - -- -std=c++17 -I%runtime | grep -v "// CHECK" | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

Async<int> child(int x) {
    await(yield_now());
    return x + 1;
}

Async<int> parent(int k) {
    int a = await([k]() -> Async<int> { return await(child(k)) * 2; }());
    return a;
}

// CHECK: class {{\[\[maybe_unused\]\]}} child_future {
// CHECK: // The future returned by `lambda` (async_block.cpp:[[@LINE-5]]), lowered by
// CHECK: // Written in `parent`, it is defined before that class, which keeps
// CHECK: class {{\[\[maybe_unused\]\]}} lambda_L[[@LINE-7]]_future {
// CHECK:   explicit lambda_L[[@LINE-8]]_future(int k)
// CHECK:     stackless::Slot<child_future> awaited;
// CHECK: class {{\[\[maybe_unused\]\]}} parent_future {
// CHECK:       ::new (states_.suspend0.awaited.storage())
// CHECK-NEXT:      lambda_L[[@LINE-12]]_future([k]() mutable { return lambda_L[[@LINE-12]]_future(std::move(k)); }());
// CHECK:   enum class State : unsigned char {
// CHECK-NEXT:    Unresumed,
// CHECK:         Suspend0_lambda_L[[@LINE-15]],
// CHECK:     stackless::Slot<lambda_L[[@LINE-16]]_future> awaited;
// CHECK-NOT: stackless::Async<int>
