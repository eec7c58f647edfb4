// The consumer: an async function using a header beside it (greeting.hpp),
// one from a linked target (names.hpp) and C++20.
#include <chrono>
#include <cstdio>
#include <string>

#include <names.hpp>
#include <stackless/stackless.hpp>

#include "greeting.hpp"
using namespace stackless;

static_assert(__cplusplus >= 202002L, "the target's C++20 did not reach the tool or the compiler");

int answer();  // other.cpp

Async<std::string> greet() {
    await(yield_now());
    std::string text = greeting(who());
    await(sleep_for(std::chrono::milliseconds(1)));
    return text + "!";
}

int main() {
    std::printf("%s\n", block_on(greet()).c_str());
    std::printf("answer: %d\n", answer());
}
