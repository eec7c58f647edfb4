//===- HoistedLambdas.h - an async lambda's class before its enclosing one -===//
//
// An async lambda is lowered on its own, its class inside its body: in
// ordinary code that is all it needs (`block_on([&]() -> Async<int> {...}())`
// deduces the type). Written in another async function, its future is
// usually awaited there, the talk's `async { ... }.await`:
//
//     Async<int> parent(int k) {
//         int a = await([k]() -> Async<int> { return await(child(k)) + 1; }());
//         ...
//
// and parent's state must then name the future's type, which a class
// local to the lambda does not allow. So the lambda's class goes just
// before parent's class (HoistedLambda), and the lambda only makes it:
//
//     class lambda_L2_future { ... };   // the lambda's body, lowered
//     class parent_future { ... stackless::Slot<lambda_L2_future> awaited; ... };
//         ... ::new (...) lambda_L2_future([k]() mutable { return lambda_L2_future(std::move(k)); }());
//
// No box, no allocation: the lambda's future lives in parent's state like
// any other child's. This needs a lambda whose class can live outside the
// function: not generic nor in a template, not capturing `this`, naming no
// local type, static or `using` of the function; others keep their class
// inside (the enclosing body may box their future). In a member function
// the class is a friend of the member's class, as the member's own is.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Discovery.h"
#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <string>

namespace stackless {

/// The innermost async function or async lambda (its call operator) whose
/// body holds L, or null.
const clang::FunctionDecl *enclosingAsyncBody(const clang::LambdaExpr *L, const Discovered &Found,
                                              const clang::SourceManager &SM);

/// The function (not a lambda's call operator) L is written in, if any.
const clang::FunctionDecl *outermostFunction(const clang::LambdaExpr *L);

/// Decides whether the class of the async lambda F (analysed, named) goes
/// before the class of the async body enclosing it; if so records it in
/// File.HoistedLambdas.
void decideHoisting(const AsyncFunction &F, const Discovered &Found, clang::ASTContext &Ctx,
                    FileDecisions &File);

/// The arguments an async lambda's body gives its future's constructor:
/// `this`, then the captures and parameters (by-value captures moved when
/// the lambda is called where it is written).
std::string lambdaFutureArgs(const AsyncFunction &F);

} // namespace stackless
