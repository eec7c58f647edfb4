// A named lambda kept across an await in a member function or a function
// template (tool/LambdaFactory.h): in a member, the function that makes it
// is a member of the class (its body may name members, private ones too,
// and capture `this`); in a function template, a function template of the
// same parameters, and Clang's pattern leaves out some implicit captures
// (`[&]` naming a local of dependent type), which the tool spells out.
#include "trace.hpp"
#include <string>
#include <vector>
using namespace stackless;

namespace app {
class Account {
    int balance_ = 10;
    static int fee() { return 1; }
public:
    Async<int> withdraw(int amount) const;
    static Async<int> tally(std::vector<int> xs);
    Async<std::string> label(std::string prefix) {
        auto show = [=](int v) { return prefix + ":" + std::to_string(v + balance_); };
        await(Tick());
        std::string a = show(1);
        await(Tick());
        return a + "," + show(2);
    }
    struct Inner {
        int k = 5;
        Async<int> scaled(int m) {
            auto f = [this, m](int x) mutable { m += 1; return x * k * m; };
            int a = f(1);
            await(Tick());
            return a + f(1);
        }
    };
};

Async<int> Account::withdraw(int amount) const {
    auto left = [&] { return balance_ - amount - fee(); };
    await(Tick());
    return left();
}

Async<int> Account::tally(std::vector<int> xs) {
    int total = 0;
    auto add = [&total](int x) { total += x + fee(); };
    for (int x : xs) { add(x); await(Tick()); }
    return total;
}
} // namespace app

struct Logger {
    std::vector<std::string> lines;
    Async<int> run(Tracer t) {
        auto log = [this, &t](const std::string &s) { lines.push_back(s + std::to_string(t.id)); };
        log("start");
        await(Tick());
        log("end");
        return static_cast<int>(lines.size());
    }
};

template <class T>
Async<T> sum_all(std::vector<T> xs, T bias) {
    T total{};
    auto add = [&](const T &x) { total += x + bias; };
    for (const T &x : xs) { await(Tick()); add(x); }
    auto pick = [bias](auto y) { return y > 0 ? bias : T{}; };
    await(Tick());
    return total + pick(1);
}

template <int N>
Async<int> scaled_by() {
    int base = 2;
    auto mul = [base](int v) { return v * base * N; };
    await(Tick());
    return mul(3);
}

int main() {
    app::Account a;
    std::printf("%d\n", block_on(a.withdraw(3)));
    std::printf("%d\n", block_on(app::Account::tally({1, 2, 3})));
    std::printf("%s\n", block_on(a.label("L")).c_str());
    app::Account::Inner in;
    std::printf("%d\n", block_on(in.scaled(2)));
    Logger lg;
    int n = block_on(lg.run(Tracer(7)));
    std::printf("%d %s %s\n", n, lg.lines[0].c_str(), lg.lines[1].c_str());
    std::printf("%d\n", block_on(sum_all<int>({1, 2, 3}, 10)));
    std::printf("%s\n", block_on(sum_all<std::string>({"a", "b"}, std::string("!"))).c_str());
    std::printf("%d\n", block_on(scaled_by<4>()));
}
