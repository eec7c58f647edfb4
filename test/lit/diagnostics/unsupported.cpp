// Constructs not lowered yet are named, located, and rejected.
// RUN: %not %stackless %s -o - -- -std=c++17 -I%runtime 2>&1 | FileCheck %s
#include <stackless/stackless.hpp>
using namespace stackless;

struct Leaf { using Output = int; Poll<int> poll(Context&) { return Poll<int>::ready(1); } };

Async<int> f(bool c) {
    int a = 0;
    try {
        a = 1;
    } catch (...) {
        a = await(Leaf{});
// CHECK: unsupported.cpp:[[@LINE-1]]:13: error: await inside a catch handler is not supported yet
    }
    if (c) goto done;
// CHECK: unsupported.cpp:[[@LINE-1]]:12: error: goto or a label in an async function is not supported yet
done:
    return a;
}

// A local class's members are not the async function: an await there is
// not lowered (it once compiled, and failed to link).
Async<int> local_class() {
    struct Helper { int get() { return await(Leaf{}); } };
// CHECK: unsupported.cpp:[[@LINE-1]]:40: error: await in a member of a class local to the function, which is not the async function itself; make that member async, or move the await into the function's body
    return Helper{}.get();
}

// A static local's initializer runs once, for all calls.
Async<int> static_local() {
    static int once = await(Leaf{});
// CHECK: unsupported.cpp:[[@LINE-1]]:16: error: await in the initializer of a static local variable (which runs once, for all calls of the function) is not supported yet
    return once;
}

// A function-try-block around an await.
Async<int> function_try() try {
// CHECK: unsupported.cpp:[[@LINE-1]]:27: error: a function-try-block around a suspension point is not supported yet; put a try block inside the body
    return await(Leaf{});
} catch (...) {
    return -1;
}

// A friend defined inside its class (found only by argument-dependent
// lookup): its body would have to leave the class. It crashed the tool.
class Account {
    int cents = 5;
    friend Async<int> balance(const Account &a) { return a.cents + await(Leaf{}); }
// CHECK: unsupported.cpp:[[@LINE-1]]:23: error: an async friend function defined inside its class is not supported yet; declare it there and define it after the class
};

// The input's Async<T> takes any future, so `return ready(3);` type-checks;
// once the function awaits, its body returns a value (the lowered poll
// would have to await it).
Async<int> returns_a_future() {
    await(Leaf{});
    return ready(3);
// CHECK: unsupported.cpp:[[@LINE-1]]:12: error: returning a future from an async function that awaits is not supported; return its value: `return await(...);`
}
