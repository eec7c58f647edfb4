//===- LambdaFactory.h - a lambda whose type the generated class names ----===//
//
// A lambda's closure type has no name, and the generated class must name
// the type of everything its states keep:
//
//     Async<int> tally(std::vector<int> xs) {
//         int total = 0;
//         auto add = [&total](int x) { total += x; };
//         for (int x : xs) add(await(fetch(x)));
//         return total;
//     }
//
// The same lambda, written in a function before the class, has a type the
// class can name by calling that function in decltype:
//
//     inline auto tally_add_lambda(int &total) { return [&total](int x) { total += x; }; }
//     using tally_add_lambda_type = decltype(tally_add_lambda(std::declval<int &>()));
//
// and poll makes it there: `::new (add.storage()) tally_add_lambda_type(
// tally_add_lambda(total));` (guaranteed elision: no copy). Each capture
// becomes a parameter of the same name, so the body reads as written: a
// capture by reference or by copy is a `T &x` (by copy, the closure copies
// it, once and in capture order, into a member of type T, as the lambda
// written in the body does); an init-capture's value is made by the call
// and moved in (`T x`, `[x = std::move(x)]`).
//
// In a function template the factory is a function template of the same
// parameters (`twice_dbl_lambda<T>(v)`); Clang leaves some implicit
// captures out of the template's pattern, and those are spelled from the
// capture default. In a member function (of a class that is not a
// template) it is a member of the class, declared beside the function and
// defined after the class (`self->run_add_lambda(n)`), so the lambda may
// capture `this` and name private members. A captured lambda that is kept
// too is named by its own factory's type.
//
// A lambda written in an awaited future's expression is made the same way
// when the future's type holds the lambda's:
//
//     int v = await(poll_fn([&](Context &cx) -> Poll<int> { ... }));
//
// keeps a `std::decay_t<decltype(poll_fn(std::declval<count_lambda_L6_type>()))>`
// made by `poll_fn(count_lambda_L6(polls))`.
//
// In an async lambda, whose class may be local to the lambda's body (where
// no function can be defined), the factory is a local class's static
// member: `class lambda_L11_lambda_L13 { public: static auto make(int &polls) {...} };`
// (a friend of the member function's class when the async lambda's class is
// hoisted out of it, as that class is).
//
// Not in a class template, a member function template or a generic async
// lambda, nor for a lambda that names a local it does not capture (a
// constexpr or static local, a local type).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Model.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

#include <set>
#include <string>

namespace stackless {

/// The lambda V is initialized with, if any (`auto f = [..](..) {..};`).
const clang::LambdaExpr *namedLambda(const Variable &V);

/// The first entity of the enclosing function the lambda's body names
/// without capturing it (a constexpr or static local, a local type or
/// enumerator), or null: code outside the function could not name it.
const clang::NamedDecl *uncapturedLocal(const clang::LambdaExpr *Lambda,
                                        const clang::FunctionDecl *Enclosing,
                                        const std::set<const clang::VarDecl *> &AlsoCaptured);

/// Makes the factory of Lambda, written in F's body: its name starts with
/// Base, its text with Comment; in a member function, its declaration in
/// the class says it makes Makes. Or says why it cannot.
bool makeLambdaFactory(const AsyncFunction &F, const clang::LambdaExpr *Lambda,
                       const std::string &Base, const std::string &Comment,
                       const std::string &Makes, LambdaFactory &Out, clang::ASTContext &Ctx,
                       std::string &WhyNot);

/// Makes a factory for each lambda written in S (an awaited future's
/// expression, a kept variable's initializer) whose type the state then
/// holds inside another (`PollFn<lambda>`), into F.HeldLambdas; or says why
/// one cannot be made.
bool makeHeldLambdaFactories(AsyncFunction &F, const clang::Stmt *S, clang::ASTContext &Ctx,
                             std::string &WhyNot);

/// Fills V.Factory for the lambda V is initialized with, and V's types; or
/// says why it cannot.
bool makeLambdaFactory(const AsyncFunction &F, Variable &V, clang::ASTContext &Ctx,
                       std::string &WhyNot);

} // namespace stackless
