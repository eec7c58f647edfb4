// When an exception escapes, the objects a future keeps are destroyed while
// it is in flight, as C++ destroys ordinary locals: std::uncaught_exceptions()
// counts it in their destructors, so a rollback guard rolls back. Both when
// it leaves poll and when it leaves a try block inside the body for one of
// its handlers. (They were destroyed inside catch handlers: committed.)
#include <exception>
#include <stdexcept>
#include <string>

#include "trace.hpp"
using namespace stackless;

struct Transaction {
    std::string name;
    int entered = std::uncaught_exceptions();
    explicit Transaction(std::string n) : name(std::move(n)) {}
    ~Transaction() {
        bool failed = std::uncaught_exceptions() > entered;
        std::printf("%s %s\n", failed ? "rollback" : "commit", name.c_str());
    }
};

Async<int> transfer(int amount) {
    Transaction t("outer");
    await(Tick());
    if (amount < 0) throw std::runtime_error("negative");
    return amount;
}

Async<int> guarded(int amount) {
    int result = 0;
    try {
        Transaction t("inner");
        Tracer kept(1);
        result = await(YieldOnce<int>(amount));
        if (result > 5) throw std::runtime_error("too big");
    } catch (const std::exception& e) {
        std::printf("caught %s\n", e.what());
        result = -1;
    }
    Transaction after("after");
    await(Tick());
    return result;
}

int main() {
    std::printf("%d\n", block_on(transfer(3)));
    try {
        block_on(transfer(-1));
    } catch (const std::exception& e) {
        std::printf("caught %s\n", e.what());
    }
    std::printf("%d\n", block_on(guarded(2)));
    std::printf("%d\n", block_on(guarded(9)));
}
