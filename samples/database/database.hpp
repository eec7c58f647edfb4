// database.hpp — the interface and its two implementations (plain C++, not lowered).
//
// The talk's bonus round, async fn in traits:
//
//     #[async_trait]
//     trait Database { async fn get_user(&self) -> User; }
//
// A virtual function returns one type for every implementation, so it cannot
// return each implementation's own state machine: like the async-trait crate,
// it returns a box, stackless::Async<User> (one heap allocation per call).
//
// The stackless tool does not lower virtual async functions yet, so the
// overrides are written by hand (database_boxing.hpp): each boxes a lowered,
// non-virtual async function of main.cpp.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>

#include <stackless/stackless.hpp>

struct User {
    int id;
    std::string name;
};

class Database {
 public:
    virtual ~Database() = default;
    virtual stackless::Async<User> fetch_user(int id) = 0;
};

/// Users in a map: ready after letting the other tasks run once.
class InMemoryDatabase : public Database {
 public:
    explicit InMemoryDatabase(std::map<int, std::string> users) : users_(std::move(users)) {}
    stackless::Async<User> fetch_user(int id) override;  // database_boxing.hpp
    const std::map<int, std::string>& users() const { return users_; }

 private:
    std::map<int, std::string> users_;
};

/// A database across a network: every query takes a round trip.
class RemoteDatabase : public Database {
 public:
    explicit RemoteDatabase(std::chrono::milliseconds round_trip) : round_trip_(round_trip) {}
    stackless::Async<User> fetch_user(int id) override;  // database_boxing.hpp
    std::chrono::milliseconds round_trip() const { return round_trip_; }
    int queries() const { return queries_; }
    void count_query() { ++queries_; }

 private:
    std::chrono::milliseconds round_trip_;
    int queries_ = 0;
};
