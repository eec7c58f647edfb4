// decltype of a variable kept across an await: poll reaches it through a
// reference, so the declared type is written instead (decltype((n)): a
// reference to it). It once named a variable poll does not declare.
#include "trace.hpp"
#include <string>
#include <utility>
using namespace stackless;
Async<int> f() {
    long n = 5;
    std::string s = "ab";
    const int k = 3;
    await(Tick());
    decltype(n) m = n * 2;
    decltype(n) alias = n;
    alias += 1;
    decltype((n)) ref = n;
    ref += 100;
    decltype(s) t = s + "c";
    decltype(k) kk = k;
    return (int)(m + alias + n) + (int)t.size() + kk;
}
// Of a structured binding whose object is kept: poll reads the binding
// through the object (`std::get<1>(bindings0)`), so the binding's declared
// type is written (its output once named bindings poll does not declare).
Async<int> bindings() {
    auto [a, b] = std::pair<int, long>(1, 2L);
    await(Tick());
    decltype(b) c = b + a;
    c += 10;
    using T = decltype(a);
    T d = a;
    decltype((a)) r = a;
    r += 100;
    return static_cast<int>(c + b) + d + a;
}
int main() {
    std::printf("%d\n", block_on(f()));
    std::printf("%d\n", block_on(bindings()));
}
