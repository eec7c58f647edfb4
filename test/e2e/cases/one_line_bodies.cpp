// Bodies written on one line: statements the lowering turns into several
// lines get lines of their own, and a statement after an unbraced if/while
// body is not left on a line that starts with that `if` (the output must
// pass -Wmisleading-indentation under -Werror).
#include <optional>
#include <string>

#include "trace.hpp"
using namespace stackless;

Async<std::optional<int>> get(int i) { await(Tick()); if (i < 3) return i; return std::nullopt; }
Async<int> sum() {
    int t = 0, i = 0;
    while (true) { auto v = await(get(i++)); if (!v) break; t += *v; }
    return t;
}
Async<int> thrower(int x) { std::string s(20, 'k'); await(Tick()); if (x % 3 == 0) throw x; return x + static_cast<int>(s.size()); }
Generator<int, int> countdown(int n) { while (n > 0) yield(n--); return 0; }

int main() {
    std::printf("%d\n", block_on(sum()));
    std::printf("%d\n", block_on(thrower(4)));
    try { block_on(thrower(3)); } catch (int e) { std::printf("caught %d\n", e); }
    auto g = countdown(3);
    for (auto st = g.resume(); st.is_yielded(); st = g.resume()) std::printf("y %d\n", st.yielded());
}
