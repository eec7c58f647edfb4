// decltype of a variable kept across an await: poll reaches it through a
// reference, so the declared type is written instead (decltype((n)): a
// reference to it). It once named a variable poll does not declare.
#include "trace.hpp"
#include <string>
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
int main() { std::printf("%d\n", block_on(f())); }
