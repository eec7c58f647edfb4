// Found by test/fuzz: an async function template declared before, and
// defined after, a function that awaits it: the template's future class is
// emitted at the template's definition, after the caller's future, whose
// state stores it inline ("invalid use of incomplete type
// twice_future<int>"). Non-template functions are emitted in dependency
// order (chain.cpp).
#include "trace.hpp"
using namespace stackless;

template <class T>
Async<T> twice(T x);

Async<int> caller() { return await(twice(4)); }

template <class T>
Async<T> twice(T x) {
    await(Tick());
    return x + x;
}

int main() { std::printf("%d\n", block_on(caller())); }
