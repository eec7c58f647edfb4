// database_boxing.hpp — the virtual overrides, boxing by hand (plain C++, not lowered).
//
// What #[async_trait] writes for you: each override returns its
// implementation's future in a box. Included by main.cpp after the lowered
// functions it boxes, so it sees their concrete future types.
#pragma once

#include "database.hpp"

inline stackless::Async<User> InMemoryDatabase::fetch_user(int id) {
    return stackless::boxed(fetch_from_memory(*this, id));
}

inline stackless::Async<User> RemoteDatabase::fetch_user(int id) {
    return stackless::boxed(fetch_from_remote(*this, id));
}
