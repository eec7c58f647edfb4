// A temporary bound to a reference parameter of an awaited call whose
// later argument awaits: made once, in a slot of its own, and bound there
// (`await(log(Pinned("tmp"), await(x)))`). It was moved into a second slot,
// which a non-movable type refused and a copyable one copied; and one made
// from other temporaries (`Named(std::string)` from "tmp") garbled the output.
#include <string>

#include "trace.hpp"
using namespace stackless;

struct Pinned {
    Tracer t;
    explicit Pinned(int id) : t(id) {}
    Pinned(const Pinned&) = delete;
};

struct Named {
    std::string n;
    explicit Named(std::string s) : n(std::move(s)) { std::printf("+%s\n", n.c_str()); }
    ~Named() { std::printf("-%s\n", n.c_str()); }
};

Async<int> pinned(const Pinned& p, int v) {
    await(Tick());
    return p.t.id + v;
}

struct Logger {
    Async<int> log(const Named& t, int v) const {
        await(Tick());
        return v + static_cast<int>(t.n.size());
    }
};

Async<int> run() {
    int a = await(pinned(Pinned(7), await(YieldOnce<int>(2))));
    Logger lg;
    int b = await(lg.log(Named("tmp"), await(YieldOnce<int>(3))));
    return a + b;
}

int main() { std::printf("%d\n", block_on(run())); }
