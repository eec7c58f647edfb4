// The generated class declares names of its own (Output, State, States,
// Yield, poll, resume...). The user's types and functions of the same names
// keep meaning what they meant: written `::States` where the class would
// hide them (before, a kept `States s;` silently became the class's union).
// A class the program already has (`fetch_future`) is not redefined.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

struct States {
    int v = 1;
};
struct State {
    std::string name = "idle";
};
struct Output {
    int code = 7;
};
struct Yield {
    int n = 3;
};
namespace app {
struct State {
    int level = 2;
};
}  // namespace app

struct fetch_future {  // the name the tool would give fetch()'s class
    int x = 4;
};
Async<int> fetch() {
    await(YieldOnce<int>(0));
    return fetch_future{}.x;
}

int poll(int x) { return x * 10; }
int resume(int x) { return x + 5; }

Async<int> f() {
    States s;                   // kept across the await
    std::vector<State> history(2);
    app::State deep;
    await(YieldOnce<int>(0));
    Output out;                 // not kept
    return s.v + static_cast<int>(history.size()) * 10 + deep.level * 100 +
           out.code * 1000 + poll(1) * 10000 + resume(0) * 100000;
}

// Locals and parameters named like the class's own types are renamed.
Async<int> locals(int Output) {
    int State = 2;             // kept across the await
    int Item = 3;              // not kept: renamed where it is written
    int before = Item * 1000;
    await(YieldOnce<int>(0));
    return Output + State * 10 + before;
}

Generator<int> counts() {
    Yield y;                    // kept across the yields
    for (int i = 0; i < y.n; ++i) yield(i + poll(0));
}

Async<std::string> named() {
    State st;
    await(YieldOnce<int>(1));
    return st.name;
}

int main() {
    std::printf("f %d\n", block_on(f()));
    int total = 0;
    for (int v : counts()) total += v;
    std::printf("counts %d\n", total);
    std::printf("named %s\n", block_on(named()).c_str());
    std::printf("fetch %d\n", block_on(fetch()));
    std::printf("locals %d\n", block_on(locals(4)));
    return 0;
}
