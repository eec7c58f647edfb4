// SPEC 2.10 and 2.11: virtual async functions (the talk's async fn in
// traits) and functions declared in a header the tool does not rewrite keep
// Async<T>; recursion goes through stackless::boxed(...).
#include <memory>
#include <string>
#include "include/remote.hpp"
#include "trace.hpp"
using namespace stackless;

struct User {
    int id;
    std::string name;
};

class Database {
public:
    virtual ~Database() = default;
    virtual Async<User> fetch_user(int id) = 0;
};

class MemoryDb : public Database {
public:
    Async<User> fetch_user(int id) override {
        await(Tick());
        return User{id, "memory-" + std::to_string(id)};
    }
};

class SlowDb : public Database {
public:
    Async<User> fetch_user(int id) override;

private:
    int delay_ = 3;
};

Async<User> SlowDb::fetch_user(int id) {
    await(Tick(delay_));
    return User{id, "slow-" + std::to_string(id)};
}

Async<int> remote_double(int x) {
    await(Tick());
    return 2 * x;
}

Async<int> fib(int n) {
    if (n < 2) return n;
    int a = await(boxed(fib(n - 1)));
    int b = await(boxed(fib(n - 2)));
    return a + b;
}

Async<std::string> describe(Database& db, int id) {
    User u = await(db.fetch_user(id));
    int twice = await(remote_double(u.id));
    return u.name + " x2=" + std::to_string(twice);
}

int main() {
    MemoryDb memory;
    SlowDb slow;
    std::printf("%s\n", block_on(describe(memory, 1)).c_str());
    std::printf("%s\n", block_on(describe(slow, 2)).c_str());
    std::printf("fib(10) = %d\n", block_on(fib(10)));
}
