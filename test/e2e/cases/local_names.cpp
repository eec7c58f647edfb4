// Types named through the function's own using-declarations, using-directives
// and aliases, kept across awaits: the generated class, outside the
// function, spells what they name (`ns::Item`, `int`). A type declared in
// the function is still diagnosed (lit: not_lowered_yet).
#include <map>
#include <string>
#include <vector>

#include "trace.hpp"
using namespace stackless;

namespace ns {
struct Item { int v; };
struct Tag { std::string name; };
}  // namespace ns

Async<int> using_declaration() {
    using ns::Item;
    std::vector<Item> items = {{1}, {2}};
    Item last{3};
    await(Tick(1));
    return items[0].v + items[1].v + last.v;
}

Async<std::string> using_directive() {
    using namespace ns;
    std::map<std::string, Tag> tags;
    tags["a"] = Tag{"alpha"};
    Tag* first = &tags["a"];
    await(Tick(1));
    return first->name + std::to_string(tags.size());
}

Async<int> local_aliases() {
    using Num = int;
    typedef std::vector<Num> Nums;
    Num table[] = {2, 3};
    Nums more{4, 5};
    Num acc = 1;
    for (Num x : table) acc *= await(YieldOnce<int>(x));
    for (const Num& x : more) acc += await(YieldOnce<Num>(x));
    return acc;
}

int main() {
    std::printf("%d\n", block_on(using_declaration()));
    std::printf("%s\n", block_on(using_directive()).c_str());
    std::printf("%d\n", block_on(local_aliases()));
}
