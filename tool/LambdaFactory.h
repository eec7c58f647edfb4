//===- LambdaFactory.h - a named lambda kept across an await --------------===//
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
// becomes a parameter of the same name, so the body reads as written: by
// reference `T &x`, by copy `const T &x` (one copy, into the closure), by
// copy into a `mutable` lambda or an init-capture `T x` moved in.
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
// Not in a class template, a member function template or an async lambda,
// nor for a lambda that names a local it does not capture (a constexpr or
// static local, a local type).
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

/// Fills V.LambdaFactory (the function and its type alias, text before
/// the class), V.LambdaFactoryName and V's types; or says why it cannot.
bool makeLambdaFactory(const AsyncFunction &F, Variable &V, clang::ASTContext &Ctx,
                       std::string &WhyNot);

} // namespace stackless
