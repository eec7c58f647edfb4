// database: the talk's bonus round, async functions in traits.
//
//     #[async_trait]
//     trait Database { async fn get_user(&self) -> User; }
//
// A virtual function returns one type for every implementation, so it cannot
// return each implementation's own state machine. Like the async-trait
// crate, stackless boxes it: a virtual async function keeps returning
// stackless::Async<User> (one heap allocation per call); its body becomes a
// state machine (InMemoryDatabase_fetch_user_future...), which the function
// returns boxed. report() awaits a Database&'s fetch_user() without knowing
// which implementation it calls; its own future holds the box.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include <stackless/stackless.hpp>
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

/// Users in a map: ready after letting the other tasks run once.
class InMemoryDatabase : public Database {
 public:
    explicit InMemoryDatabase(std::map<int, std::string> users) : users_(std::move(users)) {}
    Async<User> fetch_user(int id) override;

 private:
    std::map<int, std::string> users_;
};

/// A database across a network: every query takes a round trip.
class RemoteDatabase : public Database {
 public:
    explicit RemoteDatabase(std::chrono::milliseconds round_trip) : round_trip_(round_trip) {}
    Async<User> fetch_user(int id) override;
    int queries() const { return queries_; }

 private:
    std::chrono::milliseconds round_trip_;
    int queries_ = 0;
};

Async<User> InMemoryDatabase::fetch_user(int id) {
    await(yield_now());
    auto found = users_.find(id);
    return User{id, found == users_.end() ? std::string("(nobody)") : found->second};
}

Async<User> RemoteDatabase::fetch_user(int id) {
    ++queries_;
    await(sleep_for(round_trip_));
    return User{id, "remote user #" + std::to_string(id)};
}

Async<void> report(const char* label, Database& db, int id) {
    User user = await(db.fetch_user(id));  // a virtual call; awaits the boxed future
    std::printf("%s: user %d is %s\n", label, user.id, user.name.c_str());
}

int main() {
    InMemoryDatabase memory({{1, "ferris"}, {2, "klabnik"}});
    RemoteDatabase remote(std::chrono::milliseconds(5));

    block_on(report("memory", memory, 1));
    block_on(report("memory", memory, 3));

    auto [executor, spawner] = new_executor_and_spawner();
    spawner.spawn(report("remote", remote, 7));
    spawner.spawn(report("memory", memory, 2));
    { Spawner dropped = std::move(spawner); }  // the talk's drop(spawner)
    executor.run();

    std::printf("remote queries: %d; sizeof(Async<User>) = %zu bytes, sizeof(report(...)) = %zu bytes\n",
                remote.queries(), sizeof(Async<User>), sizeof(report("", memory, 0)));
}
