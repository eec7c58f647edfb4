// database: async functions behind a virtual interface, the talk's
// "async fn in traits" (see database.hpp). report() awaits a
// Database&'s fetch_user() without knowing which implementation it calls.
#include <chrono>
#include <cstdio>
#include <string>

#include <stackless/stackless.hpp>

#include "database.hpp"
using namespace stackless;

// The implementations' work: lowered, non-virtual async functions.
Async<User> fetch_from_memory(const InMemoryDatabase& db, int id) {
    await(yield_now());
    auto found = db.users().find(id);
    return User{id, found == db.users().end() ? std::string("(nobody)") : found->second};
}

Async<User> fetch_from_remote(RemoteDatabase& db, int id) {
    db.count_query();
    await(sleep_for(db.round_trip()));
    return User{id, "remote user #" + std::to_string(id)};
}

#include "database_boxing.hpp"  // the virtual overrides, boxing the two functions above

Async<void> report(const char* label, Database& db, int id) {
    User user = await(db.fetch_user(id));  // a virtual call; awaits an Async<User>
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
    { Spawner dropped = std::move(spawner); }
    executor.run();

    std::printf("remote queries: %d; sizeof(Async<User>) = %zu bytes, "
                "sizeof(fetch_from_remote(...)) = %zu bytes\n",
                remote.queries(), sizeof(Async<User>), sizeof(fetch_from_remote(remote, 0)));
}
