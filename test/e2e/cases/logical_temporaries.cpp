// The temporaries of the operand that is always evaluated (the left of
// &&/||, the condition of ?:) live to the end of the full-expression,
// past the awaits of the other side (SPEC 2.3); they once died before.
#include "trace.hpp"
#include <string>
using namespace stackless;
Async<int> v(int n) { await(Tick(1)); std::printf("v %d\n", n); return n; }
static int use(int a, int b) { return a + b; }
Async<int> go() {
    bool ok = Tracer(7).id == 7 && await(v(8)) == 8;
    std::printf("ok=%d\n", ok);
    int n = Tracer(9).id > 0 ? await(v(10)) : 0;
    bool no = Tracer(11).id < 0 || await(v(12)) > 0;
    int m = use(Tracer(13).id > 0 && n > 0, await(v(14)));
    int k = use(Tracer(15).id > 0 ? 1 : Tracer(16).id, await(v(17)));
    std::string s = std::string("ab").size() == 2 && await(v(18)) == 18 ? "yes" : "no";
    return n + no + m + k + (int)s.size();
}
int main() { std::printf("%d\n", block_on(go())); }
