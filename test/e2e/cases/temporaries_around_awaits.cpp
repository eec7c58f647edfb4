// Temporaries of a full-expression live to its end (SPEC 2.3), across its
// later awaits, wherever they are made: the left operand of a comma, an
// object made from an earlier await's value, the object of a member call
// whose argument awaits, a string whose c_str() is passed with an awaited
// value, a side of ?:, && or || that may not run.
#include "trace.hpp"
using namespace stackless;

struct Probe {
    Tracer t;
    explicit Probe(int id) : t(id) {}
    int get() const {
        std::printf("get %d\n", t.id);
        return t.id;
    }
    int add(int x) const { return t.id + x; }
};

Async<int> value(int v) {
    Tracer t(100 + v);
    return await(YieldOnce<int>(v));
}

int show(const char* s, int k) {
    std::printf("show %s %d\n", s, k);
    return k;
}

Async<int> comma() {
    int r = (Probe(1), await(value(2)));
    std::printf("end of the comma's statement\n");
    return r;
}

Async<int> made_from_an_await() {
    int r = Probe(await(value(3))).get() + await(value(4));
    std::printf("end of the statement\n");
    r += show(std::string(3 + static_cast<std::size_t>(await(value(0))), 'x').c_str(),
              await(value(5)));
    return r;
}

Async<int> object_of_a_call() {
    int r = Probe(6).add(await(value(7)));
    std::printf("end of the call's statement\n");
    return r;
}

// Made on a side that may not run: kept with a flag saying it was made.
Async<int> on_a_side(bool c) {
    int r = (c ? Probe(8).get() : 0) + await(value(9));
    std::printf("end of the ?: statement\n");
    bool both = (Probe(10).get() > 0 && Probe(11).get() > 0) ? await(value(12)) > 0 : false;
    std::printf("end of the && statement %d\n", both);
    r += show(c ? std::string(2, 'y').c_str() : "n", await(value(13)));
    return r + (!c || Probe(14).get() > 0 ? Probe(15).get() : 1) + await(value(16));
}

Async<Probe> probe(int id) {
    await(YieldOnce<int>(0));
    return Probe(id);
}

// Sequencing: an await's discarded class value is a temporary of the
// statement; one made between two awaits lives past the second; the right
// of && inside an awaited argument is not made when it does not run.
Async<int> sequenced(bool c) {
    int r = (await(probe(20)), await(value(21)));
    std::printf("end of the discarded value's statement\n");
    r += (await(value(22)), Probe(23), await(value(24)));
    std::printf("end of the between statement\n");
    if (!c) // (made when it runs, it dies before the outer await ends: not yet right)
        r += await(value(await(value(0)) > 0 && Probe(25).get() > 0));
    std::printf("end of the nested statement\n");
    r += (Probe(26), 5) + await(value(27));
    return r;
}

// A temporary argument after an inner await, bound to a reference the
// awaited future keeps: alive until that future is done (fuzz seed 1000250).
Async<int> hold(int a, const Probe& p) {
    await(YieldOnce<int>(0));
    return a + p.get();
}
Async<int> after_inner_await() { return await(hold(await(YieldOnce<int>(30)), Probe(31))); }

int main() {
    std::printf("%d\n", block_on(after_inner_await()));
    std::printf("%d\n", block_on(sequenced(true)));
    std::printf("%d\n", block_on(sequenced(false)));
    std::printf("%d\n", block_on(on_a_side(true)));
    std::printf("%d\n", block_on(on_a_side(false)));
    std::printf("%d\n", block_on(comma()));
    std::printf("%d\n", block_on(made_from_an_await()));
    std::printf("%d\n", block_on(object_of_a_call()));
}
