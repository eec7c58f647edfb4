//===- Boxing.cpp - where ordinary C++ relies on the declared types -------===//
#include "Boxing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <set>

using namespace clang;

namespace stackless {
namespace {

/// The lowered function a `?:` side calls; in a template, also through a
/// dependent call (`c ? first<T>() : second<T>()`).
const FunctionDecl *sideCallee(const Expr *Side, const FutureClasses &Classes) {
  if (const FunctionDecl *Callee = loweredCallee(Side, Classes))
    return Callee;
  const auto *Call = dyn_cast<CallExpr>(Side->IgnoreImplicit()->IgnoreParens());
  const auto *Lookup =
      Call ? dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreImplicit()) : nullptr;
  if (!Lookup)
    return nullptr;
  for (const NamedDecl *D : Lookup->decls())
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D->getUnderlyingDecl()))
      if (Classes.count(T->getTemplatedDecl()->getCanonicalDecl()))
        return T->getTemplatedDecl()->getCanonicalDecl();
  return nullptr;
}

/// The edits that write the boxed sides of Choice. They touch only the text
/// from its `?` to its true side, from the end of its true side to its
/// false side, and the last token of a boxed false side (a call's `)`): the
/// lowering never edits those, while it renames and reads text at the start
/// of a side.
std::vector<SourceEdit> boxChoiceSides(const ConditionalOperator *Choice, const BoxedSides &Boxed,
                                       const SourceManager &SM, const LangOptions &LangOpts) {
  const Expr *TrueSide = Choice->getTrueExpr(), *FalseSide = Choice->getFalseExpr();
  const bool True = Boxed.count(TrueSide), False = Boxed.count(FalseSide);
  const SourceLocation TrueEnd = Lexer::getLocForEndOfToken(TrueSide->getEndLoc(), 0, SM, LangOpts);
  std::vector<SourceEdit> Edits = {
      {CharSourceRange::getCharRange(Choice->getQuestionLoc(), TrueSide->getBeginLoc()),
       True ? "? stackless::boxed(" : "? "},
      {CharSourceRange::getCharRange(TrueEnd, FalseSide->getBeginLoc()),
       std::string(True ? ") : " : " : ") + (False ? "stackless::boxed(" : "")}};
  if (False)
    Edits.push_back(
        {CharSourceRange::getTokenRange(FalseSide->getEndLoc(), FalseSide->getEndLoc()), "))"});
  return Edits;
}

} // namespace

FileDecisions decideBoxing(const Discovered &Found, const FutureClasses &Classes, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  FileDecisions File;
  // `c ? f() : g()` of two async functions chooses between two generated
  // classes: each such side is boxed. A choice between calls to the same
  // function keeps its one class.
  for (const ConditionalOperator *Choice : Found.Choices) {
    // A choice whose side suspends is lowered to a temporary of the
    // choice's own type, which each side initializes: nothing to box.
    if (suspends(Choice->getTrueExpr()) || suspends(Choice->getFalseExpr()))
      continue;
    const Expr *Sides[] = {Choice->getTrueExpr(), Choice->getFalseExpr()};
    const FunctionDecl *Callees[] = {sideCallee(Sides[0], Classes), sideCallee(Sides[1], Classes)};
    // Edited around its `?` and `:` and at a boxed false side's closing
    // `)` (boxChoiceSides): written in this file, not by a macro.
    auto Spelled = [&](SourceLocation L, llvm::StringRef Tok) {
      return L.isFileID() &&
             Lexer::getSourceText(CharSourceRange::getTokenRange(L, L), SM, Ctx.getLangOpts()) ==
                 Tok;
    };
    if (Callees[0] == Callees[1] || !Spelled(Choice->getQuestionLoc(), "?") ||
        !Spelled(Choice->getColonLoc(), ":") || !Sides[0]->getBeginLoc().isFileID() ||
        !Sides[0]->getEndLoc().isFileID() || !Sides[1]->getBeginLoc().isFileID() ||
        (Callees[1] && !Spelled(Sides[1]->getEndLoc(), ")")))
      continue;
    File.BoxedChoices.push_back(Choice);
    for (int I = 0; I < 2; ++I)
      if (Callees[I])
        File.Boxed.insert(Sides[I]);
  }
  // `auto g = nums(5);` where a `Generator<int> &` binds to g: g keeps the
  // type the input deduced.
  for (const VarDecl *VD : Found.BoundAsDeclared)
    if (loweredCallee(VD->getInit(), Classes))
      File.KeepDeclaredType.insert(VD);
  return File;
}

std::vector<PlacedEdits>
boxingEdits(const Discovered &Found, const FileDecisions &File,
            const std::map<const FunctionDecl *, const AsyncFunction *> &ModelOf,
            ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<PlacedEdits> Out;
  // A condition that suspends splits the choice: the lowering writes its
  // sides itself (Lowering.cpp, anfConditional).
  for (const ConditionalOperator *Choice : File.BoxedChoices)
    if (!suspends(Choice->getCond()))
      Out.push_back(
          {Choice->getBeginLoc(), boxChoiceSides(Choice, File.Boxed, SM, Ctx.getLangOpts())});

  for (const VarDecl *VD : File.KeepDeclaredType) {
    TypeLoc TL = VD->getTypeSourceInfo()->getTypeLoc().getUnqualifiedLoc();
    if (auto Auto = TL.getAs<AutoTypeLoc>(); Auto && Auto.getBeginLoc().isFileID())
      Out.push_back({VD->getLocation(),
                     {{CharSourceRange::getTokenRange(Auto.getSourceRange()),
                       typeName(VD->getType().getUnqualifiedType(), Ctx)}}});
  }

  // A function used as value: a lambda of the declared type stands in for
  // it, a function pointer again; each call boxes its future.
  std::set<SourceLocation> Replaced; // an init list is visited twice
  for (const Expr *Use : Found.FunctionValues) {
    if (!Replaced.insert(Use->getBeginLoc()).second)
      continue;
    const auto *Ref = cast<DeclRefExpr>(Use->IgnoreParens());
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Use))
      Ref = cast<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParens());
    const auto *Fn = cast<FunctionDecl>(Ref->getDecl());
    auto It = ModelOf.find(Fn->getCanonicalDecl());
    if (It == ModelOf.end() || It->second->Boxed || !Use->getBeginLoc().isFileID() ||
        !Use->getEndLoc().isFileID())
      continue;
    std::string Params, Args;
    for (unsigned I = 0; I < Fn->getNumParams(); ++I) {
      std::string P = "p" + std::to_string(I);
      QualType T = Fn->getParamDecl(I)->getType();
      Params += (I ? ", " : "") + declarator(typeName(T, Ctx), P);
      Args += (I ? ", " : "") + (T->isLValueReferenceType() ? P : "std::move(" + P + ")");
    }
    Out.push_back({Use->getBeginLoc(),
                   {{CharSourceRange::getTokenRange(Use->getSourceRange()),
                     fmt::format("+[]({}) -> {} {{ return {}({}); }}", Params,
                                 It->second->DeclaredReturnType,
                                 sourceText(Ref->getSourceRange(), Ctx), Args)}}});
  }
  return Out;
}

} // namespace stackless
