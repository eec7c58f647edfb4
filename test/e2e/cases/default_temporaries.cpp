// A default argument that makes a temporary bound to a reference parameter
// (`const std::string &s = "x"`, `const Traced &t = Tracer(9)`): awaited,
// the temporary lives until the future is done, as one written in the call
// does (SPEC 2.2, 2.3). C++ made it out of sight in the statement that
// constructs the future, and it died before the first poll.
#include <string>

#include "trace.hpp"
using namespace stackless;

Async<int> greet(const std::string& name = "world") {
    await(Tick());
    std::printf("hello, %s\n", name.c_str());
    return static_cast<int>(name.size());
}

Async<int> traced(int k, const Tracer& t = Tracer(9), const std::string& tag = std::string(3, 'x')) {
    await(Tick());
    std::printf("traced %d %d %s\n", k, t.id, tag.c_str());
    return k + t.id;
}

namespace shapes {
struct Size { int w = 2, h = 3; };
Async<int> area(const Size& s = Size{}) {
    await(Tick());
    return s.w * s.h;
}
Async<int> doubled() { return 2 * await(area()); }
} // namespace shapes

Async<int> run() {
    int a = await(greet());
    int b = await(greet("moon"));
    int c = await(traced(1));
    int d = await(traced(2, Tracer(5)));
    auto [e, f] = await(join(traced(3), greet()));
    int g = await(shapes::doubled());
    return a + b + c + d + e + f + g;
}

int main() { std::printf("%d\n", block_on(run())); }
