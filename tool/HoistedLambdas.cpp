//===- HoistedLambdas.cpp - an async lambda's class before its enclosing one -===//

#include "HoistedLambdas.h"

#include "Analysis.h"
#include "LambdaFactory.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <set>

using namespace clang;

namespace stackless {

const FunctionDecl *enclosingAsyncBody(const LambdaExpr *L, const Discovered &Found,
                                       const SourceManager &SM) {
  const FunctionDecl *Innermost = nullptr;
  auto Consider = [&](const FunctionDecl *F) {
    const Stmt *Body = F->getBody();
    if (!Body || F == L->getCallOperator() ||
        !SM.isPointWithin(L->getBeginLoc(), Body->getBeginLoc(), Body->getEndLoc()))
      return;
    if (!Innermost ||
        SM.isBeforeInTranslationUnit(Innermost->getBody()->getBeginLoc(), Body->getBeginLoc()))
      Innermost = F;
  };
  for (const FunctionDecl *F : Found.AsyncDefinitions)
    Consider(F);
  for (const LambdaExpr *Other : Found.AsyncLambdas)
    Consider(Other->getCallOperator());
  return Innermost;
}

const FunctionDecl *outermostFunction(const LambdaExpr *L) {
  const DeclContext *DC = L->getLambdaClass()->getDeclContext();
  while (const auto *M = dyn_cast<CXXMethodDecl>(DC)) {
    if (!M->getParent()->isLambda())
      break;
    DC = M->getParent()->getDeclContext();
  }
  return dyn_cast<FunctionDecl>(DC);
}

/// Does S declare names for the code after it in its scope (`using
/// namespace std::chrono_literals;`, `using std::swap;`, a namespace
/// alias)? A class outside the function would not see them.
static bool declaresUsings(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (isa<UsingDirectiveDecl>(D) || isa<UsingDecl>(D) || isa<NamespaceAliasDecl>(D) ||
          isa<UsingEnumDecl>(D))
        return true;
  for (const Stmt *Child : S->children())
    if (declaresUsings(Child))
      return true;
  return false;
}

/// Does L's body name a member of a class without saying which class
/// (`price(n)` of a static member, a member type or enumerator, as a member
/// function may)? Outside the class those names are not found.
static bool namesMembersUnqualified(const LambdaExpr *L) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    static bool inClass(const Decl *D) {
      const DeclContext *DC = D->getDeclContext();
      if (const auto *Enum = dyn_cast<EnumDecl>(DC))
        DC = Enum->getDeclContext();
      const auto *RD = dyn_cast<CXXRecordDecl>(DC);
      return RD && !RD->isLambda();
    }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      const ValueDecl *D = Ref->getDecl();
      if (Ref->hasQualifier() || !inClass(D))
        return true;
      if (const auto *M = dyn_cast<CXXMethodDecl>(D); M && M->isOverloadedOperator())
        return true; // `tag += "!"`: called on its object
      Found = true;
      return false;
    }
    bool VisitElaboratedTypeLoc(ElaboratedTypeLoc TL) {
      Qualified.insert(TL.getNamedTypeLoc().getBeginLoc());
      return true;
    }
    bool VisitTypeLoc(TypeLoc TL) {
      const NamedDecl *D = TL.getType()->getAsTagDecl();
      if (const auto *TD = TL.getType()->getAs<TypedefType>())
        D = TD->getDecl();
      Found |= D && inClass(D) && !Qualified.count(TL.getBeginLoc());
      return !Found;
    }
    std::set<SourceLocation> Qualified;
  } Finder;
  Finder.TraverseStmt(L->getBody());
  for (const ParmVarDecl *P : L->getCallOperator()->parameters())
    if (!Finder.Found)
      Finder.TraverseTypeLoc(P->getTypeSourceInfo()->getTypeLoc());
  return Finder.Found;
}

void decideHoisting(const AsyncFunction &F, const Discovered &Found, ASTContext &Ctx,
                    FileDecisions &File) {
  const LambdaExpr *L = F.Lambda;
  const FunctionDecl *Enclosing = enclosingAsyncBody(L, Found, Ctx.getSourceManager());
  const FunctionDecl *Outermost = outermostFunction(L);
  if (!Enclosing || !Outermost || L->getCallOperator()->isTemplated() || !F.SelfType.empty() ||
      L->getBeginLoc().isMacroID() || L->getEndLoc().isMacroID())
    return;
  for (const LambdaCapture &C : L->captures())
    if (C.capturesThis())
      return;
  for (const Variable &V : F.Vars)
    if (!V.TypeAlias.empty()) // spelled `decltype(x)` of a name only the lambda sees
      return;
  // (In a member function, the lambda's lowering qualifies the names
  // class-scope lookup finds, as the member's own does.)
  if (uncapturedLocal(L, Outermost, {}) || declaresUsings(Outermost->getBody()) ||
      (!isa<CXXMethodDecl>(Outermost) && namesMembersUnqualified(L)))
    return;
  File.HoistedLambdas[L->getCallOperator()] = {
      F.ClassName, "{ return " + F.ClassName + "(" + lambdaFutureArgs(F) + "); }", Enclosing};
}

std::string lambdaFutureArgs(const AsyncFunction &F) {
  // Called where it is written (`spawn([h = std::move(h)]() -> Async<void>
  // { ... }())`, the talk's `async move` block), the closure dies with the
  // full-expression: its by-value captures are moved into the future (it
  // becomes `mutable` for that). Otherwise the future refers to them: the
  // analysis made them references (Variable::IsReference), as the body
  // sees them.
  std::string Args;
  if (!F.SelfType.empty())
    Args = "this";
  for (const Variable &V : F.Vars)
    if (V.IsParam) {
      std::string Name = V.Decl->getName().str();
      Args += (Args.empty() ? "" : ", ") + (V.IsReference ? Name : "std::move(" + Name + ")");
    }
  return Args;
}

} // namespace stackless
