// Found by test/fuzz: in an async function template, awaiting a call whose
// arguments depend on the template parameter (here a non-template async
// function called with a T) emits the awaited type as "<dependent type>":
// `stackless::Slot<<dependent type>> awaited;` does not compile.
#include "trace.hpp"
using namespace stackless;

Async<int> inc(int v) {
    await(Tick());
    return v + 1;
}

template <class T>
Async<int> twice_inc(T x) {
    int a = await(inc(x));
    return a * 2;
}

int main() { std::printf("%d\n", block_on(twice_inc(3))); }
