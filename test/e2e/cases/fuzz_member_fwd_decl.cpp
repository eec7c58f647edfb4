// Found by test/fuzz: when the file also forward-declares a free async
// function, the tool's block of declarations redeclares the async member
// functions at namespace scope (`Obj_f_future Obj::f(int) const;`), which
// is ill-formed: "declaration ... outside of class is not definition".
#include "trace.hpp"
using namespace stackless;

struct Obj {
    int k;
    Async<int> get(int p) const;
};

Obj obj{3};

Async<int> one();  // a forward declaration, defined below

Async<int> Obj::get(int p) const {
    return await(one()) + p + k;
}

Async<int> one() {
    await(Tick());
    return 1;
}

int main() { std::printf("%d\n", block_on(obj.get(2))); }
