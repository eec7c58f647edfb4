// `[[nodiscard]]` (or any standard attribute) on async functions: on a
// member declared in its class and defined after it, on one defined in its
// class, on a declaration and on a definition. The generated declarations
// keep it, after what they need first (`friend class ...;`, the forward
// declaration of the class): once spliced into the class's text, or
// applied to a class declaration.
#include "trace.hpp"
using namespace stackless;

class Counter {
public:
    [[nodiscard]] Async<int> count() const;
    [[nodiscard]] Async<int> inline_count() const {
        await(Tick());
        return n + 1;
    }

private:
    int n = 3;
};

Async<int> Counter::count() const {
    await(Tick());
    return n;
}

[[nodiscard]] Async<int> five();
[[nodiscard]] Async<int> five() {
    await(Tick());
    return 5;
}

[[nodiscard]] Async<int> six();
Async<int> six() { return await(five()) + 1; }

int main() {
    Counter c;
    std::printf("%d %d\n", block_on(c.count()), block_on(c.inline_count()));
    std::printf("%d %d\n", block_on(five()), block_on(six()));
}
