// Types the generated classes must spell: those deduced through templates
// (`auto x = std::move(v);`, `std::make_optional`, an await's output that
// is a std::variant or a std::map of strings, a join of strings) are
// written fully qualified, from their canonical form, not as the library's
// internal sugar.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>
#include "trace.hpp"
using namespace stackless;

Async<std::variant<int, std::string>> pick(bool text) {
    await(YieldOnce<int>(0));
    if (text) return std::string("text");
    return 7;
}

Async<std::map<std::string, std::vector<std::string>>> index_words() {
    await(YieldOnce<int>(0));
    return std::map<std::string, std::vector<std::string>>{{"a", {"apple", "avocado"}}, {"b", {"banana"}}};
}

Async<std::string> word(std::string w) {
    await(YieldOnce<int>(0));
    return w;
}

Async<std::size_t> deduced(std::vector<std::string> in) {
    auto mine = std::move(in);
    auto maybe = std::make_optional(std::string("maybe"));
    auto v = await(pick(true));
    auto n = await(pick(false));
    auto idx = await(index_words());
    auto [first, second] = await(join(word("x"), word("yz")));
    await(YieldOnce<int>(0));
    std::printf("%s %d %zu %s%s\n", std::get<std::string>(v).c_str(), std::get<int>(n),
                idx["a"].size(), first.c_str(), second.c_str());
    return mine.size() + maybe->size();
}

int main() {
    std::printf("%zu\n", block_on(deduced({"one", "two"})));
    return 0;
}
