// An await's result used as an object (`await(name()).c_str()`) or bound to
// a reference before a later await of the same statement: a temporary C++
// keeps to the end of the full-expression, so it is read in place and
// destroyed with the statement's other temporaries (it once died before the
// later await: a dangling c_str(), a destructor too early).
#include <cstring>
#include <string>

#include "trace.hpp"
using namespace stackless;

Async<std::string> name(int i) {
    await(Tick());
    return "name" + std::to_string(i);
}
Async<Tracer> make(int id) {
    await(Tick());
    return Tracer(id);
}
static int byref(const Tracer& t, int k) { return t.id + k; }

Async<int> run() {
    std::printf("%s %d %s\n", await(name(1)).c_str(), await(YieldOnce<int>(2)),
                await(name(3)).c_str());
    int n = static_cast<int>(std::strlen(await(name(4)).c_str())) + await(YieldOnce<int>(5));
    int s = await(make(6)).id + await(YieldOnce<int>(7));
    std::printf("after s\n");
    int r = byref(await(make(8)), await(YieldOnce<int>(9)));
    std::printf("after r\n");
    return n + s + r;
}

int main() { std::printf("%d\n", block_on(run())); }
