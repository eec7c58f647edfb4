// Recursive generators and streams through stackless::boxed(...), a spelled
// Generator consumed inside a generator, and the lifetimes of what a
// type-erased Generator owns (dropped mid-way, moved, misused).
// Expected output in boxed_generators.expected: the oracle runs a generator
// eagerly when it is called, so it cannot interleave a generator consumed
// inside another one, nor show when a suspended generator's locals die.
#include <memory>
#include <stdexcept>
#include <string>
#include "trace.hpp"
using namespace stackless;

struct Node {
    int value;
    std::unique_ptr<Node> left, right;
};

std::unique_ptr<Node> leaf(int v) { return std::unique_ptr<Node>(new Node{v, nullptr, nullptr}); }

// In-order walk: each subtree is a boxed generator (one allocation each).
Generator<int> walk(const Node* node) {
    if (!node) return;
    for (int v : boxed(walk(node->left.get()))) yield(v);
    yield(node->value);
    for (int v : boxed(walk(node->right.get()))) yield(v);
}

// A recursive stream: n, then the items of countdown(n - 1).
Stream<int> countdown(int n) {
    yield(n);
    if (n > 0) {
        Stream<int> rest = boxed(countdown(n - 1));
        while (auto v = await(next(rest))) {
            await(YieldOnce<int>(0));
            yield(*v);
        }
    }
}

Async<std::string> collect(int n) {
    auto s = countdown(n);
    std::string out;
    while (auto v = await(next(s))) out += std::to_string(*v) + " ";
    return out;
}

Generator<int> traced(int id, int n) {
    Tracer t(id);
    for (int i = 0; i < n; ++i) yield(i);
}

// A spelled Generator kept across the yields of a generator.
Generator<int> relay(int id) {
    Generator<int> inner = traced(id, 3);
    for (int x : inner) yield(x * 2);
    std::printf("relay done\n");
}

int main() {
    auto root = leaf(4);
    root->left = leaf(2);
    root->left->left = leaf(1);
    root->left->right = leaf(3);
    root->right = leaf(6);
    root->right->right = leaf(7);
    for (int v : walk(root.get())) std::printf("walk %d\n", v);

    std::printf("countdown %s\n", block_on(collect(3)).c_str());

    for (int x : relay(1)) std::printf("relay %d\n", x);

    {
        Generator<int> g = traced(2, 5);
        std::printf("first %d\n", g.resume().yielded());
        std::printf("second %d\n", g.resume().yielded());
        std::printf("dropping g\n");
    }
    std::printf("after drop\n");

    Generator<int> a = traced(3, 1);
    a.resume();
    Generator<int> b = std::move(a);  // moves the pointer: the generator stays put
    std::printf("b complete %d\n", b.resume().is_complete() ? 1 : 0);
    try {
        a.resume();
    } catch (const std::logic_error&) {
        std::printf("moved-from Generator: logic_error\n");
    }
    try {
        b.resume();
    } catch (const std::logic_error&) {
        std::printf("resumed after completion: logic_error\n");
    }
    return 0;
}
