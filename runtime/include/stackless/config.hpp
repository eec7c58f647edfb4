// stackless/config.hpp — what the runtime adapts to: exceptions, sanitizers, compilers.
//
// Every runtime header builds with and without exceptions (g++ and clang++,
// `-fno-exceptions`). Without them:
//   * a checked error (SPEC 2.5, 2.8 and the runtime's misuse cases: polling
//     after completion, spawning on a moved-from Spawner, ...) prints its
//     message to stderr and aborts, where it would otherwise throw
//     std::logic_error: see misuse() below;
//   * nothing is caught, so nothing needs catching: an executor no longer
//     cancels a task whose poll threw, since no poll can throw.
//
// Invariants: STACKLESS_HAS_EXCEPTIONS is always defined, to 1 or 0 (test it
// with `#if`, not `#ifdef`); it follows the compiler's own switch, so every
// translation unit of a program agrees with itself. misuse() never returns.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

/// 1 when the compiler has exceptions enabled, 0 under -fno-exceptions.
/// Generated code catches exceptions only where the compiler has them:
/// output for inputs without try/throw also builds with -fno-exceptions.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define STACKLESS_HAS_EXCEPTIONS 1
#else
#define STACKLESS_HAS_EXCEPTIONS 0
#endif

/// 1 under AddressSanitizer (g++: __SANITIZE_ADDRESS__; clang++: the feature).
/// The task pool (task_pool.hpp) then poisons the blocks it holds, so that a
/// use after free of a pooled task is reported as it would be with malloc.
#if defined(__SANITIZE_ADDRESS__)
#define STACKLESS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STACKLESS_ASAN 1
#endif
#endif
#ifndef STACKLESS_ASAN
#define STACKLESS_ASAN 0
#endif

/// Inlining hints for the executor's inner loop (scheduler.hpp): its hot
/// path inlined into the loop, its rare paths kept out of it.
#if defined(__GNUC__) || defined(__clang__)
#define STACKLESS_ALWAYS_INLINE inline __attribute__((always_inline))
#define STACKLESS_NOINLINE __attribute__((noinline))
#else
#define STACKLESS_ALWAYS_INLINE inline
#define STACKLESS_NOINLINE
#endif

namespace stackless {
namespace detail {

/// A checked error of the caller's (a misuse of the runtime): raises
/// std::logic_error(message), or, under -fno-exceptions, prints the message
/// to stderr and aborts.
[[noreturn]] inline void misuse(const char* message) {
#if STACKLESS_HAS_EXCEPTIONS
  throw std::logic_error(message);
#else
  std::fprintf(stderr, "%s\n", message);
  std::fflush(stderr);
  std::abort();
#endif
}

/// The same, for a message built at run time (generated code names the
/// function whose future was misused).
[[noreturn]] inline void misuse(const std::string& message) { misuse(message.c_str()); }

}  // namespace detail
}  // namespace stackless
