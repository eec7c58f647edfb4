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

int main() {
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
