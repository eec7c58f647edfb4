//===- Interference.cpp - more variables into the states' own structs -----===//
#include "Interference.h"
#include "Liveness.h"

#include "clang/AST/ExprCXX.h"

#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace stackless {
namespace {

/// Every full expression (or declaration) of the body, by the variables it
/// references. A full expression is the CFG element evaluated last in it.
struct References {
  std::map<const VarDecl *, std::set<const Stmt *>> Roots;
  std::set<const VarDecl *> InLambda; ///< referenced inside a lambda's body

  explicit References(const Stmt *Body) { visit(Body, nullptr); }

private:
  void visit(const Stmt *S, const Stmt *Root) {
    if (!S)
      return;
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      // When its body runs is not this function's business.
      markAll(L->getBody());
      for (const Expr *Init : L->capture_inits())
        visit(Init, Root);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      Root = DS;
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          Roots[VD].insert(DS);
    } else if (const auto *E = dyn_cast<Expr>(S)) {
      if (!Root) {
        // The CFG has no elements for parentheses and full-expression wrappers.
        const Expr *R = E->IgnoreParens();
        while (const auto *FE = dyn_cast<FullExpr>(R))
          R = FE->getSubExpr()->IgnoreParens();
        Root = R;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
        if (const VarDecl *VD = referencedVar(Ref))
          Roots[VD].insert(Root);
    } else {
      Root = nullptr; // a statement: each expression in it is a full expression
    }
    for (const Stmt *Child : S->children())
      visit(Child, Root);
  }

  void markAll(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const VarDecl *VD = referencedVar(Ref))
        InLambda.insert(VD);
    for (const Stmt *Child : S->children())
      markAll(Child);
  }
};

/// Does S refer to VD, or declare it?
bool involves(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (D == VD)
        return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (referencedVar(Ref) == VD)
      return true;
  for (const Stmt *Child : S->children())
    if (involves(Child, VD))
      return true;
  return false;
}

/// `V = e;` with V not in e: e is evaluated, then V is stored.
bool isPlainAssignment(const Stmt *Root, const VarDecl *V) {
  const auto *B = dyn_cast<BinaryOperator>(Root);
  if (!B || B->getOpcode() != BO_Assign)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParens());
  return Ref && referencedVar(Ref) == V && !involves(B->getRHS(), V);
}

bool isCharacterData(const VarDecl *VD, ASTContext &Ctx) {
  QualType T = Ctx.getBaseElementType(VD->getType());
  return T->isCharType() || T->isStdByteType();
}

} // namespace

void shareStateStorage(AsyncFunction &F, const FunctionDecl *FD, ASTContext &Ctx) {
  std::vector<Variable *> Candidates;
  for (Variable &V : F.Vars) {
    QualType T = V.Decl->getType();
    if (!V.IsParam && !V.IsReference && V.Where == Storage::Shared && V.SavedAt.size() == 1 &&
        V.TrivialDtor && !V.AddressEscapes && !T->isDependentType() &&
        T.isTriviallyCopyableType(Ctx))
      Candidates.push_back(&V);
  }
  if (Candidates.empty())
    return;

  References Refs(FD->getBody());
  VarSet Tracked;
  std::vector<const Stmt *> Queries;
  for (const Variable &V : F.Vars)
    Tracked.insert(V.Decl);
  for (const auto &[VD, Roots] : Refs.Roots)
    Queries.insert(Queries.end(), Roots.begin(), Roots.end());
  for (const SuspendPoint &P : F.Points)
    Queries.push_back(P.Call);
  auto Live = liveAfter(FD, Ctx, Tracked, Queries);
  if (!Live)
    return;
  // Is D live after S? Unknown counts as live.
  auto LiveAfter = [&](const Stmt *S, const VarDecl *D) {
    auto It = Live->find(S);
    return It == Live->end() || It->second.count(D);
  };

  for (Variable *V : Candidates) {
    const unsigned K = *V->SavedAt.begin();
    const VarDecl *VD = V->Decl;
    bool Fits = !Refs.InLambda.count(VD);
    const std::set<const Stmt *> &VRoots = Refs.Roots[VD];
    // The other states' own objects (with V's promotions so far).
    for (const Variable &O : F.Vars) {
      if (!Fits)
        break;
      if (O.Where != Storage::PerState || O.Member == K)
        continue;
      if (!O.TrivialDtor || O.AddressEscapes || Refs.InLambda.count(O.Decl)) {
        Fits = false;
        break;
      }
      const std::set<const Stmt *> &ORoots = Refs.Roots[O.Decl];
      for (const Stmt *R : VRoots)
        if (LiveAfter(R, O.Decl) ||
            (ORoots.count(R) && !(isPlainAssignment(R, VD) && isCharacterData(O.Decl, Ctx))))
          Fits = false;
      for (const Stmt *R : ORoots)
        if (!VRoots.count(R) && LiveAfter(R, VD))
          Fits = false;
    }
    // The futures awaited at the other points live in their states' structs
    // for the whole statement that awaits them.
    for (const SuspendPoint &P : F.Points)
      if (Fits && P.Index != K && (involves(P.FullStmt, VD) || LiveAfter(P.Call, VD)))
        Fits = false;
    if (Fits) {
      V->Where = Storage::PerState;
      V->Member = K;
    }
  }
}

} // namespace stackless
