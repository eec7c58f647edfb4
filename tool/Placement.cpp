//===- Placement.cpp - generated classes that must be complete early -----===//
#include "Placement.h"
#include "Analysis.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

using namespace clang;

namespace stackless {
namespace {

/// The lowered function a declaration is (its pattern, for a template).
const FunctionDecl *loweredKey(const ValueDecl *D) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    FD = Pattern;
  return FD->getCanonicalDecl();
}

/// Every place the main file names a function: calls, and any other use.
class UseFinder : public RecursiveASTVisitor<UseFinder> {
public:
  explicit UseFinder(const SourceManager &SM) : SM(SM) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) { return note(E->getDecl(), E->getLocation()); }
  bool VisitMemberExpr(MemberExpr *E) { return note(E->getMemberDecl(), E->getMemberLoc()); }

  std::vector<std::pair<const FunctionDecl *, SourceLocation>> Uses;

private:
  bool note(const ValueDecl *D, SourceLocation Loc) {
    Loc = SM.getExpansionLoc(Loc);
    if (const FunctionDecl *FD = loweredKey(D); FD && SM.isInMainFile(Loc))
      Uses.push_back({FD, Loc});
    return true;
  }
  const SourceManager &SM;
};

/// Is T complete at P (each class it holds by value defined before P)?
/// Returns the first type that is not, or a null type.
QualType incompleteAt(QualType T, SourceLocation P, const SourceManager &SM, ASTContext &Ctx) {
  T = T.getCanonicalType();
  if (T->isDependentType() || T->isReferenceType() || T->isPointerType() ||
      T->isMemberPointerType())
    return QualType();
  if (const ArrayType *A = Ctx.getAsArrayType(T))
    return incompleteAt(A->getElementType(), P, SM, Ctx);
  auto DefinedBefore = [&](const TagDecl *D) {
    const TagDecl *Def = D ? D->getDefinition() : nullptr;
    return Def && SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Def->getEndLoc()), P);
  };
  if (const auto *E = T->getAs<EnumType>())
    return DefinedBefore(E->getDecl()) ? QualType() : T;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return QualType();
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    // std::vector<Item>: the template, and what it is instantiated with.
    if (!DefinedBefore(S->getSpecializedTemplate()->getTemplatedDecl()))
      return T;
    for (const TemplateArgument &A : S->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        if (QualType Bad = incompleteAt(A.getAsType(), P, SM, Ctx); !Bad.isNull())
          return Bad;
    return QualType();
  }
  return DefinedBefore(RD) ? QualType() : T;
}

/// The first type F's class holds (by value) that is not complete at P.
QualType layoutIncompleteAt(const AsyncFunction &F, SourceLocation P, const SourceManager &SM,
                            ASTContext &Ctx) {
  for (const Variable &V : F.Vars)
    if (V.IsParam || V.isSaved())
      if (QualType Bad = incompleteAt(V.Decl->getType(), P, SM, Ctx); !Bad.isNull())
        return Bad;
  for (const SuspendPoint &Point : F.Points)
    if (Point.OperandIsTemporary && Point.FutureInState && !Point.LoweredCallee)
      if (QualType Bad = incompleteAt(Point.Operand->getType(), P, SM, Ctx); !Bad.isNull())
        return Bad;
  return QualType();
}

std::string where(SourceLocation L, const SourceManager &SM) {
  return fmt::format("line {}", SM.getExpansionLineNumber(L));
}

} // namespace

std::map<const AsyncFunction *, SourceLocation>
placeEarly(const std::vector<AsyncFunction *> &Order,
           const std::map<const AsyncFunction *, SourceLocation> &Anchor,
           const std::function<SourceLocation(const AsyncFunction &)> &EarlyPoint,
           ASTContext &Ctx, Diagnostics &Diag) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Before = [&](SourceLocation A, SourceLocation B) { return SM.isBeforeInTranslationUnit(A, B); };
  std::map<const FunctionDecl *, const AsyncFunction *> ByDecl;
  for (const AsyncFunction *F : Order)
    ByDecl[F->Decl->getCanonicalDecl()] = F;

  // ---- where each class must be complete ----------------------------------
  // A use in ordinary code needs it there. A use inside a lowered body is
  // either a callee (its class is ordered before the caller's already) or,
  // like boxed(f(...)), needed where the caller's poll is emitted.
  UseFinder Finder(SM);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) // the main file's only
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      Finder.TraverseDecl(D);
  std::map<const AsyncFunction *, SourceLocation> Required;
  // For the diagnostic: the use, and the function moved early whose class
  // stores F's future (when the requirement came through it).
  std::map<const AsyncFunction *, SourceLocation> UsedAt;
  std::map<const AsyncFunction *, const AsyncFunction *> Through;
  auto Require = [&](const AsyncFunction *F, SourceLocation L, SourceLocation Use,
                     const AsyncFunction *Via = nullptr) {
    auto It = Required.find(F);
    if (It == Required.end() || Before(L, It->second)) {
      Required[F] = L;
      UsedAt[F] = Use;
      Through[F] = Via;
    }
  };
  auto UsedHere = [&](const AsyncFunction *F) {
    const AsyncFunction *Via = Through[F];
    return Via ? fmt::format("`{}` is needed here (where `{}`, whose future holds `{}`'s, is used) "
                             "before its definition",
                             F->Name, Via->Name, F->Name)
               : fmt::format("`{}` is used here, before its definition", F->Name);
  };
  // The lowered bodies by where they begin in the main file (they do not
  // nest): the one a use is in, by binary search.
  struct Span {
    unsigned Begin, End;
    const AsyncFunction *F;
  };
  std::vector<Span> Bodies;
  for (const AsyncFunction *G : Order)
    if (const Stmt *Body = G->Decl->getBody())
      Bodies.push_back({SM.getFileOffset(SM.getExpansionLoc(Body->getBeginLoc())),
                        SM.getFileOffset(SM.getExpansionLoc(Body->getEndLoc())), G});
  std::sort(Bodies.begin(), Bodies.end(),
            [](const Span &A, const Span &B) { return A.Begin < B.Begin; });
  for (const auto &[Callee, Loc] : Finder.Uses) {
    auto It = ByDecl.find(Callee);
    if (It == ByDecl.end() || It->second->Boxed)
      continue;
    const unsigned Offset = SM.getFileOffset(Loc);
    auto After = std::upper_bound(Bodies.begin(), Bodies.end(), Offset,
                                  [](unsigned O, const Span &S) { return O < S.Begin; });
    const AsyncFunction *Inside =
        After != Bodies.begin() && Offset <= std::prev(After)->End ? std::prev(After)->F : nullptr;
    if (!Inside) {
      Require(It->second, Loc, Loc);
    } else if (Inside != It->second &&
               std::find(Inside->Callees.begin(), Inside->Callees.end(), Callee) ==
                   Inside->Callees.end()) {
      Require(It->second, Anchor.at(Inside), Loc);
    }
  }

  // ---- which classes move early -------------------------------------------
  // Callers first: a class moved early needs the classes of the futures it
  // stores complete before it.
  std::map<const AsyncFunction *, SourceLocation> Wanted;
  for (auto It = Order.rbegin(); It != Order.rend(); ++It) {
    const AsyncFunction *F = *It;
    auto R = Required.find(F);
    if (R == Required.end() || !Before(R->second, Anchor.at(F)))
      continue;
    // At the very point its caller's class goes (two members of one class)
    // is early enough: classes placed at one point come callees first.
    SourceLocation P = EarlyPoint(*F);
    if (P.isInvalid() || Before(R->second, P)) {
      Diag.error(UsedAt[F], fmt::format("{}, and its future's class cannot be defined earlier "
                                        "(only a free function declared before, or a member of a "
                                        "class at namespace scope, can be); define `{}` before "
                                        "this use",
                                        UsedHere(F), F->Name));
      continue;
    }
    Wanted[F] = P;
    for (const FunctionDecl *Callee : F->StoredCallees)
      if (auto C = ByDecl.find(Callee); C != ByDecl.end() && C->second != F)
        Require(C->second, P, UsedAt[F], F);
  }

  // Callees first: each class checked against where its futures' classes go.
  std::map<const AsyncFunction *, SourceLocation> Early;
  for (const AsyncFunction *F : Order) {
    auto W = Wanted.find(F);
    if (W == Wanted.end())
      continue;
    SourceLocation P = W->second;
    std::string Why;
    if (QualType Bad = layoutIncompleteAt(*F, P, SM, Ctx); !Bad.isNull())
      Why = fmt::format("it holds a `{}`, which is not complete before {}", typeName(Bad, Ctx),
                        where(P, SM));
    for (const Temporary &T : F->Temps)
      if (Why.empty() && !T.AliveAt.empty() && !T.Of.isNull())
        if (QualType Bad = incompleteAt(T.Of, P, SM, Ctx); !Bad.isNull())
          Why = fmt::format("it keeps a temporary of type `{}` across an await, which is not "
                            "complete before {}",
                            typeName(Bad, Ctx), where(P, SM));
    for (const FunctionDecl *Callee : F->StoredCallees) {
      auto C = ByDecl.find(Callee);
      if (!Why.empty() || C == ByDecl.end() || C->second == F)
        continue;
      auto E = Early.find(C->second);
      SourceLocation At = E != Early.end() ? E->second : Anchor.at(C->second);
      if (Before(P, At))
        Why = fmt::format("it stores the future of `{}`, whose class cannot be defined before {}",
                          C->second->Name, where(P, SM));
    }
    if (!Why.empty()) {
      Diag.error(UsedAt[F], fmt::format("{}, and its future's class cannot be defined earlier: "
                                        "{}; define `{}` before this use",
                                        UsedHere(F), Why, F->Name));
      continue;
    }
    Early[F] = P;
  }
  return Early;
}

} // namespace stackless
