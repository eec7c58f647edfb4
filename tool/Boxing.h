//===- Boxing.h - where ordinary C++ relies on the declared types ---------===//
//
// In the output an async function returns its own generated class, not the
// Async<T> (Generator<Y, R>, Stream<T>) it declares; that is what makes a
// whole await chain one object with no allocation. Ordinary C++ mostly does
// not notice (`auto f = fetch();`, `await(fetch())`, `block_on(fetch())`),
// but three constructs rely on the declared type itself:
//
//     c ? fetch() : cached()        // two different classes: no common type
//     Op table[] = {fetch, &other}; // a function used as a value
//     auto g = nums(5); sum(g);     // int sum(Generator<int> &g)
//
// There the type-erased owner the input names is used instead, boxing the
// future (one allocation, as Rust's Box<dyn Future>):
//
//     c ? stackless::boxed(fetch()) : stackless::boxed(cached())
//     Op table[] = {+[]() -> stackless::Async<int> { return fetch(); }, ...};
//     stackless::Generator<int> g = nums(5); sum(g);
//
// decideBoxing() finds them (before the analysis, which must agree on the
// types); boxingEdits() writes them (made by the body being lowered that
// holds them, or in ordinary code).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Analysis.h"
#include "Discovery.h"
#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <map>
#include <string>
#include <vector>

namespace stackless {

/// The `?:` sides to box and the `auto` variables to declare with their
/// declared type.
FileDecisions decideBoxing(const Discovered &Found, const FutureClasses &Classes,
                           clang::ASTContext &Ctx);

/// Edits that belong at one place in the source.
struct PlacedEdits {
  clang::SourceLocation At;
  std::vector<SourceEdit> Edits;
};

/// The edits writing the decisions, and those replacing each function used
/// as a value by a lambda of its declared type. ModelOf: the lowered
/// functions (those that keep Async<T> anyway, `Boxed`, need nothing).
std::vector<PlacedEdits>
boxingEdits(const Discovered &Found, const FileDecisions &File,
            const std::map<const clang::FunctionDecl *, const AsyncFunction *> &ModelOf,
            clang::ASTContext &Ctx);

} // namespace stackless
