// The runtime built with -fno-exceptions (config.hpp): the executor, its
// spawners, join handles, combinators, sleeps and block_on work, and a
// misuse prints its message and aborts instead of throwing. No GoogleTest
// (it needs exceptions): prints "ok" and exits 0, or says what failed.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "build this test with -fno-exceptions"
#endif

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <variant>

#include <stackless/stackless.hpp>

static_assert(STACKLESS_HAS_EXCEPTIONS == 0, "config.hpp sees -fno-exceptions");

using namespace stackless;
using namespace std::chrono_literals;

namespace {

int failures = 0;

#define CHECK(condition)                                                 \
  do {                                                                   \
    if (!(condition)) {                                                  \
      std::fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

struct YieldOnce {
  using Output = std::uint64_t;
  std::uint64_t value;
  bool yielded = false;
  Poll<std::uint64_t> poll(Context& cx) {
    if (yielded) return Poll<std::uint64_t>::ready(value);
    yielded = true;
    cx.waker().wake_by_ref();
    return Poll<std::uint64_t>::pending();
  }
};

struct SumHandles {
  using Output = void;
  std::vector<JoinHandle<std::uint64_t>> handles;
  std::uint64_t* sum;
  std::size_t next = 0;
  Poll<void> poll(Context& cx) {
    for (; next < handles.size(); ++next) {
      auto p = handles[next].poll(cx);
      if (p.is_pending()) return Poll<void>::pending();
      *sum += p.value();
    }
    return Poll<void>::ready();
  }
};

void executor_runs_tasks() {
  constexpr std::uint64_t kTasks = 70000;  // more than two queue segments
  std::uint64_t sum = 0;
  std::atomic<int> remote_done{0};
  auto [executor, spawner] = new_executor_and_spawner();
  std::vector<JoinHandle<std::uint64_t>> handles;
  for (std::uint64_t i = 0; i < kTasks; ++i) handles.push_back(spawner.spawn(YieldOnce{i}));
  spawner.spawn(SumHandles{std::move(handles), &sum});
  std::thread remote([s = spawner, &remote_done]() mutable {
    for (int i = 0; i < 1000; ++i) {
      s.spawn(poll_fn([&remote_done, w = yield_now()](Context& cx) mutable {
        if (w.poll(cx).is_pending()) return Poll<void>::pending();
        remote_done.fetch_add(1);
        return Poll<void>::ready();
      }));
    }
  });
  { Spawner dropped = std::move(spawner); }
  executor.run();
  remote.join();
  CHECK(sum == kTasks * (kTasks - 1) / 2);
  CHECK(remote_done.load() == 1000);
}

void combinators_and_sleeps() {
  auto joined = block_on(join(ready(1), YieldOnce{2}, sleep_for(2ms)));
  CHECK(std::get<0>(joined) == 1);
  CHECK(std::get<1>(joined) == 2);
  auto selected = block_on(select(pending<int>(), YieldOnce{5}));
  CHECK(selected.index() == 1 && std::get<1>(selected) == 5);
  const auto start = std::chrono::steady_clock::now();
  block_on(TimerFuture(3ms));
  CHECK(std::chrono::steady_clock::now() - start >= 3ms);
  Async<int> boxed_future = boxed(ready(9));
  CHECK(block_on(boxed_future) == 9);

  std::atomic<int> slept{0};
  auto [executor, spawner] = new_executor_and_spawner();
  for (int i = 0; i < 100; ++i) {
    spawner.spawn(poll_fn([&slept, s = sleep_for(std::chrono::microseconds(100 * (i % 10)))](Context& cx) mutable {
      if (s.poll(cx).is_pending()) return Poll<void>::pending();
      slept.fetch_add(1);
      return Poll<void>::ready();
    }));
  }
  { Spawner dropped = std::move(spawner); }
  executor.run();
  CHECK(slept.load() == 100);
}

/// Runs `misuse` in a child process: it must abort (SIGABRT) after printing
/// a message that contains `expected` on stderr.
template <class Misuse>
void aborts_with(const char* expected, Misuse misuse) {
  int pipe_fds[2];
  CHECK(pipe(pipe_fds) == 0);
  const pid_t child = fork();
  if (child == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    misuse();
    std::_Exit(0);  // not reached if it aborted
  }
  close(pipe_fds[1]);
  std::string message;
  char buffer[256];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
  CHECK(message.find(expected) != std::string::npos);
  if (message.find(expected) == std::string::npos) std::fprintf(stderr, "  child said: %s\n", message.c_str());
}

void misuse_aborts() {
  aborts_with("spawn() on a moved-from Spawner", [] {
    auto [executor, spawner] = new_executor_and_spawner();
    Spawner moved = std::move(spawner);
    spawner.spawn(ready(1));
  });
  aborts_with("Poll::value() called on a Pending poll", [] {
    Poll<int> p = Poll<int>::pending();
    (void)p.value();
  });
  aborts_with("polled after completion", [] {
    auto r = ready(1);
    const Waker waker = Waker::noop();
    Context cx(waker);
    (void)r.poll(cx);
    (void)r.poll(cx);
  });
}

}  // namespace

int main() {
  executor_runs_tasks();
  combinators_and_sleeps();
  misuse_aborts();
  if (failures != 0) {
    std::fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  std::puts("ok");
  return 0;
}
