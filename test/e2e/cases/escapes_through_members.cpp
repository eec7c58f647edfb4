// A local reached after an await only through another object (a reference
// member of an aggregate, a pointer member, a constructor's reference
// parameter: std::tuple<int &>, std::string_view over a char array) stays
// where it is (SPEC 2.9: its address escaped). It was once left on poll's
// stack. And a braced list inside an awaited operand
// (`std::vector<int>{1, 2}`), whose array is not an object a slot can hold.
#include <string_view>
#include <tuple>
#include <vector>

#include "trace.hpp"
using namespace stackless;

struct Ref { int& r; };
struct Node { int* p; int k; };
struct Pair { Ref a; Node b; };

Async<int> through_members() {
    int a = await(YieldOnce<int>(1));
    Ref rr{a};
    int b = 5, c = 6, d = 7;
    Node n{&b, 3};
    std::tuple<int&> t{c};
    Pair p{{d}, {&d, 1}};
    char buf[6] = "hello";
    std::string_view v(buf);
    await(YieldOnce<int>(0));
    rr.r += 10;
    *n.p += 1;
    std::get<0>(t) += 2;
    p.a.r += 100;
    return rr.r + *n.p + std::get<0>(t) + p.a.r + static_cast<int>(v.size()) + v[1];
}

Async<int> braced_lists_awaited() {
    std::vector<int> v = await(YieldOnce<std::vector<int>>(std::vector<int>{1, 7, -2, 3}));
    int n = static_cast<int>(await(YieldOnce<std::vector<int>>({4, 5})).size());
    int s = 0;
    for (int x : await(YieldOnce<std::vector<int>>(std::vector<int>{10, 20}))) s += x;
    return static_cast<int>(v.size()) + n + s;
}

int main() {
    std::printf("%d\n", block_on(through_members()));
    std::printf("%d\n", block_on(braced_lists_awaited()));
}
