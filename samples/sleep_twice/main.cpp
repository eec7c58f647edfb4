// sleep_twice: the talk's i_sleep. Futures are lazy and await is sequential,
// so two awaits one after the other take twice as long as one nap, while
// join() polls both naps together and takes about one:
//
//     async fn i_sleep() { Delay::new(Duration::from_secs(5)).await; }
//
//     let a = i_sleep();   // nothing runs yet
//     let b = i_sleep();
//     a.await;             // 5 s
//     b.await;             // 5 s more: 10 s in all, not 5
//
// The naps are 20 ms here. A busy machine can stretch one measurement, so the
// pair is measured again (at most five times) until sequential >= 1.8x joined.
#include <chrono>
#include <cstdio>

#include <stackless/stackless.hpp>
using namespace stackless;

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kNap(20);

Async<void> i_sleep() {
    await(sleep_for(kNap));  // the timer starts at the first poll, not at the call
}

Async<void> sequential() {
    auto a = i_sleep();  // two futures, neither started
    auto b = i_sleep();
    await(a);            // the first nap...
    await(b);            // ...then the second
}

Async<void> joined() {
    await(join(i_sleep(), i_sleep()));  // both naps at once
}

template <class F>
static double run_ms(F future) {
    const auto start = Clock::now();
    block_on(std::move(future));
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int main() {
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const double seq = run_ms(sequential());
        const double par = run_ms(joined());
        const double ratio = seq / par;
        std::printf("attempt %d: sequential %.1f ms, joined %.1f ms (naps of %lld ms): %.2fx\n",
                    attempt, seq, par, static_cast<long long>(kNap.count()), ratio);
        if (ratio >= 1.8) {
            std::printf("ok: sequential >= 1.8x joined\n");
            return 0;
        }
    }
    std::printf("FAILED: sequential < 1.8x joined\n");
    return 1;
}
