// Names the generated classes must qualify, because they are not where the
// user wrote them: no `using namespace stackless;` here (only `using
// stackless::await;`), async functions in
// namespaces awaited from outside, types spelled through using-declarations,
// and in member functions the names class-scope lookup found (nested types,
// static members, enumerators, static member functions); and an async
// operator() (its class needs a name of its own).
#include <string>
#include <vector>

#include "trace.hpp"
using stackless::await;  // a using-declaration only

namespace lib {
using Id = int;
struct Item {
    Id id;
    std::string name;
};
stackless::Async<Item> fetch(Id id) {
    await(Tick());
    return Item{id, "item" + std::to_string(id)};
}
namespace detail {
stackless::Async<int> twice(int x) { return 2 * await(YieldOnce<int>(x)); }
}  // namespace detail
}  // namespace lib

using lib::Item;

stackless::Async<std::string> describe(int id) {
    Item it = await(lib::fetch(id));
    std::string label = std::to_string(await(lib::detail::twice(it.id))) + ":" + it.name;
    await(Tick(2));
    return label + "/" + std::to_string(await(YieldOnce<std::size_t>(label.size())));
}

struct Box {
    enum Mode { Fast, Slow };
    enum class Kind { A, B };
    struct Part {
        int w;
    };
    using Parts = std::vector<Part>;
    static constexpr int kMax = 4;
    static int helper(int x) { return x + 1; }
    Parts parts{{1}, {2}};

    stackless::Async<int> run(Mode m, Kind k) {
        Part first{kMax};
        int total = await(YieldOnce<int>(first.w));
        for (const Part& p : parts) total += await(YieldOnce<int>(p.w));
        if (m == Fast) total += helper(first.w) + await(YieldOnce<int>(first.w));
        if (k == Kind::B) total += 1000;
        return total;
    }
    static stackless::Async<int> make(int n) {
        Parts ps(static_cast<std::size_t>(n), Part{kMax});
        await(Tick());
        return static_cast<int>(ps.size()) * helper(kMax);
    }
};

struct Adder {
    int base = 2;
    stackless::Async<int> operator()(int x) {
        await(Tick());
        return base + x;
    }
};

// In a member function, awaiting a future whose type is spelled from the
// expression (join/select over member calls and members): the type is
// named outside the member function, through std::declval of the object.
struct Net {
    stackless::Async<int> get() {
        stackless::await(YieldOnce<int>(0));
        return 5;
    }
};

struct Worker {
    int base = 10;
    Net net;
    stackless::Async<int> step(int k) {
        stackless::await(YieldOnce<int>(k));
        return base + k;
    }
    stackless::Async<int> both() {
        auto [a, b] = stackless::await(stackless::join(step(1), this->step(2)));
        auto r = stackless::await(stackless::select(net.get(), stackless::pending<int>()));
        return a + b + std::get<0>(r);
    }
};

int main() {
    {
        Worker w;
        std::printf("worker %d\n", stackless::block_on(w.both()));
    }
    std::printf("%s\n", stackless::block_on(describe(3)).c_str());
    Box b;
    std::printf("%d\n", stackless::block_on(b.run(Box::Fast, Box::Kind::B)));
    std::printf("%d\n", stackless::block_on(b.run(Box::Slow, Box::Kind::A)));
    std::printf("%d\n", stackless::block_on(Box::make(3)));
    Adder add;
    std::printf("%d\n", stackless::block_on(add(3)));
}
