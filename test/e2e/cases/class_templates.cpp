// Async members of class templates, of nested classes and member function
// templates: the future's class is a member class of the function's class
// (`template <class T> class Queue<T>::Queue_pop_future`), declared where
// the function is and defined after the class (or where an out-of-class
// definition was), so its body names what the function's body names: the
// template's parameters, nested types and static members, private
// members, members of a dependent base through `this->` or `Base<T>::`.
#include "trace.hpp"
#include <deque>
#include <string>
using namespace stackless;

namespace lib {

template <class T, int Scale = 2>
class Queue {
public:
    using value_type = T;
    struct Node {
        T v;
        int tag;
    };
    void push(T v) { items_.push_back(Node{v, static_cast<int>(items_.size())}); }

    Async<T> pop() {
        Node n = items_.front();
        items_.pop_front();
        Tracer t(100 + n.tag);
        T got = await(YieldOnce<T>(n.v));
        popped_ += 1;
        return got;
    }
    Async<T> pop_scaled();
    Generator<T> drain() {
        while (!items_.empty()) {
            Node n = items_.front();
            items_.pop_front();
            yield(n.v);
        }
    }
    Stream<T> stream(int n) {
        for (int i = 0; i < n; ++i) {
            value_type v = await(pop());
            yield(twice(v));
        }
    }
    virtual Async<int> count() { co_count(); return await(YieldOnce<int>(popped_)); }
    virtual ~Queue() = default;

    static T twice(T x) { return x + x; }

private:
    void co_count() {}
    std::deque<Node> items_;
    int popped_ = 0;
};

// Out of its class, with parameters of other names.
template <class U, int S>
Async<U> Queue<U, S>::pop_scaled() {
    U a = await(pop());
    Tracer t(200);
    U b = await(this->pop());
    return (a + b) * S;
}

template <class T>
struct Base {
    T base_value{7};
    Async<T> base_get() { return base_value + await(YieldOnce<T>(1)); }
    virtual Async<T> virt() { return await(YieldOnce<T>(100)); }
    virtual ~Base() = default;
};

template <class T>
struct Derived : Base<T> {
    Async<T> get() {
        T v = await(YieldOnce<T>(this->base_value));
        T w = await(Base<T>::base_get()) + await(Derived::base_get());
        return v + w + Base<T>::base_value;
    }
    // Virtual through a dependent base: `override` says so (SPEC 2.11).
    Async<T> virt() override { return await(YieldOnce<T>(200)); }
    // A temporary bound to a reference parameter lives until the await ends.
    Async<int> length(const std::string& s) { return static_cast<int>(s.size()) + await(YieldOnce<int>(0)); }
    Async<int> of_temporary() { return await(length(std::string(5, 'x'))); }
    template <class U>
    Async<U> as() { return static_cast<U>(await(YieldOnce<T>(this->base_value))); }
    // Recursion through boxed(...) (SPEC 2.10): its type is the declared one.
    Async<T> down(T n) {
        if (n == 0) return 0;
        T r = await(stackless::boxed(down(n - 1)));
        return r + 1;
    }
    Async<long> as_long() { return await(as<long>()); }
};

// A partial specialization's members.
template <class T>
struct Queue<T *, 1> {
    T *p;
    Async<T> deref() { return *await(YieldOnce<T *>(p)); }
};

} // namespace lib

struct Outer {
    struct Inner {
        int k = 4;
        Async<int> get(int x) {
            int y = await(YieldOnce<int>(x));
            return y * k;
        }
        Async<int> get_twice(int x);
    };
};

Async<int> Outer::Inner::get_twice(int x) {
    int a = await(get(x));
    return a + await(get(a));
}

struct Runner {
    int calls = 0;
    template <class Fn>
    Async<int> run(Fn fn, int x) {
        int y = await(YieldOnce<int>(x));
        ++calls;
        return fn(y);
    }
    template <class T = int>
    Async<T> echo(T v);
};

template <class T>
Async<T> Runner::echo(T v) {
    Tracer t(300);
    T w = await(YieldOnce<T>(v));
    return w;
}

template <class T>
struct Box {
    T value;
    template <class U>
    Async<U> convert(U extra) {
        T v = await(YieldOnce<T>(value));
        return static_cast<U>(v) + extra;
    }
    template <class U>
    Async<U> convert_twice(U extra);
};

template <class T>
template <class U>
Async<U> Box<T>::convert_twice(U extra) {
    U a = await(convert(extra));
    U b = await(this->template convert<U>(a));
    return b;
}

int twice(int v) { return 2 * v; }

Async<int> driver() {
    lib::Queue<int> q;
    for (int i = 1; i <= 8; ++i) q.push(i * 10);
    int a = await(q.pop());
    int b = await(q.pop_scaled());
    int sum = 0;
    auto s = q.stream(2);
    while (auto v = await(next(s))) sum += *v;
    int c = await(q.count());
    for (int v : q.drain()) sum += v;
    std::printf("queue %d %d %d %d\n", a, b, sum, c);

    lib::Derived<long> d;
    int e = static_cast<int>(await(d.get()));
    lib::Base<long> &as_base = d;
    std::printf("virtual %ld, temporary %d, member template %ld\n", await(as_base.virt()),
                await(d.of_temporary()), await(d.as_long()));
    std::printf("boxed recursion %ld\n", await(d.down(4)));
    int x = 9;
    lib::Queue<int *, 1> pq{&x};
    int f = await(pq.deref());
    Outer::Inner in;
    int g = await(in.get_twice(5));
    std::printf("derived %d, partial %d, nested %d\n", e, f, g);

    Runner r;
    int h = await(r.run(twice, 5)) + await(r.run(&twice, 6));
    std::string str = await(r.echo(std::string("hi")));
    int i = await(r.echo<int>(3));
    Box<int> box{7};
    double dd = await(box.convert(0.5));
    long l = await(box.convert_twice(1L));
    std::printf("templates %d %s %d %.1f %ld %d\n", h, str.c_str(), i, dd, l, r.calls);
    return a + b;
}

int main() {
    std::printf("%d\n", block_on(driver()));
    lib::Queue<std::string> qs;
    qs.push("x");
    qs.push("y");
    std::string first = block_on(qs.pop());
    for (const std::string &rest : qs.drain()) first += rest;
    std::printf("%s\n", first.c_str());
}
