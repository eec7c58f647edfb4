// Value and reference parameters; function templates; member functions.
#include <string>
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<std::size_t> by_value(std::string s, int n) {
    await(Tick());
    s += std::to_string(n);
    return s.size();
}

Async<void> by_reference(std::vector<int>& out, const int& k) {
    out.push_back(k);
    await(Tick());
    out.push_back(k * 2);
}

template <class T>
Async<T> twice(T x) {
    T y = await(YieldOnce<T>(x));
    return y + y;
}

class Counter {
public:
    explicit Counter(int start) : count_(start) {}
    Async<int> add(int n);
    Async<int> peek() const;

    // Defined inside the class: lowered after it.
    Async<int> add_twice(int n) {
        int first = await(add(n));
        await(Tick());
        return first + await(add(n));
    }

private:
    int count_;
};

namespace shapes {
struct Square {
    int side;
    Async<int> area() const {
        await(Tick());
        return side * side;
    }
};
}  // namespace shapes

Async<int> Counter::add(int n) {
    await(Tick());
    count_ += n;
    return this->count_;
}

Async<int> Counter::peek() const {
    await(Tick());
    return count_;
}

// User names that the generated code also uses: `result` (a return's
// value made before cleanups) and `self` (the object of a member function).
Async<std::string> greeting() {
    std::string result = "say ";
    result += await(YieldOnce<std::string>("hi"));
    Tracer t(70);
    return result;
}

struct Link {
    int v = 3;
    Async<int> link(Link* self, int o) {
        await(YieldOnce<int>(0));
        return self->v + o + v;
    }
};

int main() {
    std::printf("%s\n", block_on(greeting()).c_str());
    {
        Link l;
        std::printf("link %d\n", block_on(l.link(&l, 1)));
    }
    std::printf("%zu\n", block_on(by_value("abc", 42)));
    std::vector<int> out;
    int k = 5;
    block_on(by_reference(out, k));
    std::printf("%zu %d %d\n", out.size(), out[0], out[1]);
    std::printf("%d\n", block_on(twice(21)));
    std::printf("%.1f\n", block_on(twice(1.25)));
    Counter c(10);
    std::printf("%d\n", block_on(c.add(5)));
    std::printf("%d\n", block_on(c.peek()));
    std::printf("%d\n", block_on(c.add_twice(1)));
    shapes::Square sq{7};
    std::printf("%d\n", block_on(sq.area()));
}
