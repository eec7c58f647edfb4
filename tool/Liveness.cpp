//===- Liveness.cpp - which locals are live right after each await -------===//
#include "Liveness.h"
#include "Model.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace stackless {
namespace {

/// What one CFG element reads (gen) and declares (kill).
struct Effect {
  const VarDecl *Use = nullptr;
  const VarDecl *Def = nullptr;
  std::vector<const VarDecl *> LambdaUses; ///< what a lambda captures or names
};

/// Every tracked variable a lambda names: its captures' element reads are
/// not always in the CFG (in a template's pattern, implicit captures may be
/// missing), so the lambda itself counts as reading them.
void lambdaUses(const Stmt *S, const VarSet &Tracked, std::vector<const VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = referencedVar(Ref); VD && Tracked.count(VD))
      Out.push_back(VD);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()); VD && Tracked.count(VD))
          Out.push_back(VD);
    lambdaUses(Lambda->getBody(), Tracked, Out);
    return;
  }
  for (const Stmt *Child : S->children())
    lambdaUses(Child, Tracked, Out);
}

Effect effectOf(const CFGElement &E, const VarSet &Tracked, const Overwrites &Writes) {
  Effect Out;
  auto S = E.getAs<CFGStmt>();
  if (!S)
    return Out;
  const Stmt *St = S->getStmt();
  if (isa<LambdaExpr>(St)) {
    lambdaUses(St, Tracked, Out.LambdaUses);
    return Out;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(St)) {
    if (const auto *VD = referencedVar(Ref))
      if (Tracked.count(VD) && !Writes.Targets.count(Ref))
        Out.Use = VD;
  } else if (auto It = Writes.Assignments.find(St); It != Writes.Assignments.end()) {
    if (Tracked.count(It->second))
      Out.Def = It->second;
  } else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    if (DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
        if (Tracked.count(VD))
          Out.Def = VD;
  }
  return Out;
}

} // namespace

void collectOverwrites(const Stmt *S, Overwrites &Out) {
  if (!S)
    return;
  if (const auto *B = dyn_cast<BinaryOperator>(S))
    if (B->getOpcode() == BO_Assign)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParens()))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          if (VD->getType()->isScalarType()) {
            Out.Targets.insert(Ref);
            Out.Assignments[B] = VD;
          }
  for (const Stmt *Child : S->children())
    collectOverwrites(Child, Out);
}

std::optional<std::map<const Stmt *, VarSet>> liveAfter(const FunctionDecl *F, ASTContext &Ctx,
                                                        const VarSet &Tracked,
                                                        const std::vector<const Stmt *> &Calls) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd(); // every sub-expression is an element
  // A call (an await among them) inside a try block may throw into its
  // handlers: what a handler reads is live across the await.
  Options.AddEHEdges = true;
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F, F->getBody(), &Ctx, Options);
  if (!Graph)
    return std::nullopt;

  // Live-in per block, to a fixed point (backward: live-out = union of
  // successors' live-in; walk elements from last to first).
  Overwrites Writes;
  collectOverwrites(F->getBody(), Writes);
  std::vector<VarSet> LiveIn(Graph->getNumBlockIDs());
  auto LiveOut = [&](const CFGBlock &B) {
    VarSet Out;
    // Edges the CFG pruned as unreachable (`if (false && await(f))`) count:
    // a resume jumps to such an await's label all the same, and compilers
    // check what is read after it as if it could run.
    for (const CFGBlock::AdjacentBlock &Succ : B.succs())
      if (const CFGBlock *SB = Succ.isReachable() ? Succ.getReachableBlock()
                                                  : Succ.getPossiblyUnreachableBlock())
        Out.insert(LiveIn[SB->getBlockID()].begin(), LiveIn[SB->getBlockID()].end());
    return Out;
  };
  auto Transfer = [&](const CFGBlock &B, auto &&Visit) {
    VarSet Live = LiveOut(B);
    // The terminator condition is evaluated after the elements; its reads
    // are elements too (AllAlwaysAdd), so nothing extra to do here.
    for (auto It = B.rbegin(); It != B.rend(); ++It) {
      Visit(*It, Live);
      Effect E = effectOf(*It, Tracked, Writes);
      if (E.Def)
        Live.erase(E.Def);
      if (E.Use)
        Live.insert(E.Use);
      Live.insert(E.LambdaUses.begin(), E.LambdaUses.end());
    }
    return Live;
  };
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const CFGBlock *B : *Graph) {
      VarSet In = Transfer(*B, [](const CFGElement &, const VarSet &) {});
      if (In != LiveIn[B->getBlockID()]) {
        LiveIn[B->getBlockID()] = std::move(In);
        Changed = true;
      }
    }
  }

  std::set<const Stmt *> Wanted(Calls.begin(), Calls.end());
  // A declaration of several variables is split into one synthetic
  // declaration per variable: what is live after the statement is what is
  // live after its last one (the first met walking backwards).
  std::map<const Stmt *, const Stmt *> SourceOf;
  for (const auto &[Synthetic, Source] : Graph->synthetic_stmts())
    SourceOf[Synthetic] = Source;
  std::map<const Stmt *, VarSet> Result;
  for (const CFGBlock *B : *Graph)
    Transfer(*B, [&](const CFGElement &E, const VarSet &Live) {
      auto S = E.getAs<CFGStmt>();
      if (!S)
        return;
      const Stmt *St = S->getStmt();
      if (Wanted.count(St)) {
        Result[St] = Live;
      } else if (auto It = SourceOf.find(St); It != SourceOf.end() && Wanted.count(It->second)) {
        Result.emplace(It->second, Live); // kept if a later declarator set it
      }
    });
  return Result;
}

} // namespace stackless
