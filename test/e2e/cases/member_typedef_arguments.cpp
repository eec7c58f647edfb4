// A kept object whose type has a member of a specialization as a template
// argument: `auto res = m.emplace(k, v);` is a std::pair<iterator, bool>
// whose `iterator` printed unqualified (it did not compile); it is spelled
// std::pair<std::map<K, V>::iterator, bool>.
#include <map>
#include <set>
#include <string>

#include "trace.hpp"
using namespace stackless;

Async<int> inserts() {
    std::map<std::string, int> m;
    auto res = m.emplace("k", 1);
    std::set<int> s;
    auto [it, fresh] = s.insert(4);
    await(Tick());
    res.first->second += 10;
    return res.first->second + res.second + *it + fresh;
}

int main() { std::printf("%d\n", block_on(inserts())); }
