// An async function that stores the future of one defined later in another
// namespace: its class must follow that class, and stay in its own
// namespace, so the namespaces are closed and reopened around it.
#include "trace.hpp"
using namespace stackless;

namespace net {
Async<int> ping(int n);
namespace detail {
Async<int> echo(int n);
}
}  // namespace net

Async<int> user() { return await(net::ping(2)) + 100; }

namespace app {
Async<int> deep() { return await(net::detail::echo(3)) * 2; }
}  // namespace app

namespace net {
Async<int> ping(int n) {
    await(YieldOnce<int>(n));
    return n * 10;
}
namespace detail {
Async<int> echo(int n) {
    int v = await(YieldOnce<int>(n));
    return v + 1;
}
}  // namespace detail
}  // namespace net

int main() {
    std::printf("user %d\n", block_on(user()));
    std::printf("deep %d\n", block_on(app::deep()));
    return 0;
}
