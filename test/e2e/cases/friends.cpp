// An async function declared a friend inside a class and defined after it:
// its future's class is declared before the befriending class (declared
// inside it, it would be a member) and befriended too, since it runs the
// friend's body, which reads private members.
#include "trace.hpp"
using namespace stackless;

class Account {
public:
    explicit Account(int c) : cents(c) {}

private:
    int cents;
    friend Async<int> balance(const Account& a);
    friend Generator<int> history(const Account& a, int n);
};

Async<int> balance(const Account& a) {
    int interest = await(YieldOnce<int>(1));
    return a.cents + interest;
}

Generator<int> history(const Account& a, int n) {
    for (int i = 0; i < n; ++i) yield(a.cents * i);
}

int main() {
    Account acc(50);
    std::printf("%d\n", block_on(balance(acc)));
    for (int h : history(acc, 3)) std::printf("history %d\n", h);
}
