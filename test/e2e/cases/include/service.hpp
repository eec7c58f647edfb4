// A class declared in a header the tool does not rewrite, whose async
// members and friend are defined in a lowered file (e2e private_members).
#pragma once
#include <string>

#include <stackless/stackless.hpp>

class Service {
public:
    explicit Service(int base) : base_(base) {}
    stackless::Async<int> query(int k) const;
    stackless::Generator<int> ticks(int n);
    friend stackless::Async<std::string> describe(const Service& s);

private:
    int base_;
    int calls_ = 0;
};
