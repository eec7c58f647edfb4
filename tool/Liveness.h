//===- Liveness.h - which locals are live right after each await ----------===//
//
// A classic backward dataflow over Clang's CFG. We do not use
// clang::LiveVariables because its statement-level query answers "live at
// the beginning of a statement" for block-level expressions only, and a
// suspension point sits in the middle of a full-expression: we need the set
// live immediately after the await(...) call element.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace stackless {

using VarSet = std::set<const clang::VarDecl *>;

/// `x = e;` on a scalar x writes x without reading it: its left side is not
/// a use, and the assignment ends the old value's life.
struct Overwrites {
  std::set<const clang::DeclRefExpr *> Targets;
  std::map<const clang::Stmt *, const clang::VarDecl *> Assignments;
};
void collectOverwrites(const clang::Stmt *S, Overwrites &Out);

/// For each call in Calls, the variables (among Tracked) that may be read
/// after it returns. std::nullopt when the CFG cannot be built (the caller
/// then assumes everything in scope is live).
std::optional<std::map<const clang::Stmt *, VarSet>>
liveAfter(const clang::FunctionDecl *F, clang::ASTContext &Ctx, const VarSet &Tracked,
          const std::vector<const clang::Stmt *> &Calls);

} // namespace stackless
