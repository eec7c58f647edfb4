//===- Placement.h - generated classes that must be complete early -------===//
//
// A generated class goes where its function was defined (or after the
// classes of the futures it stores). Ordinary code may need it complete
// earlier: C++ lets a function be called once it is declared, and the call
// returns the class by value:
//
//     Async<int> compute(int x);                  // compute_future compute(int x);
//     int run() { return block_on(compute(3)); }  // needs compute_future complete
//     Async<int> compute(int x) { ... }
//
// and an inline member function may call an async member of its own class
// (its body is compiled where the class ends, before the generated class).
//
// For such a function the class is defined early instead: before its first
// declaration (a free function) or before its class (a member function),
// with poll() only declared there and defined where the function was, since
// poll's body may use anything declared in between. The class itself must
// then be complete at that point: every type its states hold must already
// be complete there, and so must the classes of the futures it stores
// (which are moved early in turn). When that is not so, the user is told
// which type is in the way.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Diagnostics.h"
#include "Model.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"

#include <functional>
#include <map>
#include <vector>

namespace stackless {

/// Where the early class of each function that needs one goes: the
/// location to insert it before. `Anchor` is where each class goes
/// otherwise; `EarlyPoint` gives the candidate location for a function (its
/// first declaration, or its class's beginning), invalid when it has none.
/// Functions that need an early class but cannot have one are reported.
std::map<const AsyncFunction *, clang::SourceLocation>
placeEarly(const std::vector<AsyncFunction *> &Order,
           const std::map<const AsyncFunction *, clang::SourceLocation> &Anchor,
           const std::function<clang::SourceLocation(const AsyncFunction &)> &EarlyPoint,
           clang::ASTContext &Ctx, Diagnostics &Diag);

} // namespace stackless
