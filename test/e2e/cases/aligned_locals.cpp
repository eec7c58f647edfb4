// A local declared alignas(N) and kept across an await keeps its alignment
// in the frame (a slot is otherwise aligned as its type).
#include <cstdint>

#include "trace.hpp"
using namespace stackless;

Async<int> aligned() {
    alignas(64) int x = 5;
    alignas(32) char buf[8] = "abc";
    await(Tick());
    int misaligned = static_cast<int>(reinterpret_cast<std::uintptr_t>(&x) % 64) +
                     static_cast<int>(reinterpret_cast<std::uintptr_t>(buf) % 32);
    return misaligned + x + buf[1];
}

int main() { std::printf("%d\n", block_on(aligned())); }
