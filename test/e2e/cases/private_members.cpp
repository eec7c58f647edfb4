// Members of a class declared in a header the tool does not rewrite, and a
// friend, defined here: they keep Async<T> (SPEC 2.11) and use private
// members, so their state machines are classes local to them (a local
// class has its function's own access; one outside it had none and did
// not compile).
#include "include/service.hpp"
#include "trace.hpp"
using namespace stackless;

Async<int> Service::query(int k) const {
    int v = await(YieldOnce<int>(k));
    return base_ + v;
}

Generator<int> Service::ticks(int n) {
    for (int i = 0; i < n; ++i) {
        ++calls_;
        yield(base_ * 10 + calls_);
    }
}

Async<std::string> describe(const Service& s) {
    await(Tick());
    return "service " + std::to_string(s.base_) + " after " + std::to_string(s.calls_) + " calls";
}

int main() {
    Service s(7);
    std::printf("%d\n", block_on(s.query(5)));
    for (int t : s.ticks(3)) std::printf("tick %d\n", t);
    std::printf("%s\n", block_on(describe(s)).c_str());
}
