//===- Discovery.cpp - find async functions and their await/yield points --===//
#include "Discovery.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace stackless {
namespace {

bool isStacklessDecl(const NamedDecl *D, StringRef Name) {
  if (!D || !D->getIdentifier() || D->getName() != Name)
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(D->getDeclContext()->getRedeclContext());
  return NS && NS->getName() == "stackless" &&
         NS->getParent()->getRedeclContext()->isTranslationUnit();
}

const TemplateDecl *templateOf(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return TST->getTemplateName().getAsTemplateDecl();
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate();
  return nullptr;
}

bool isMarkerFunction(const Expr *Callee, StringRef Name) {
  Callee = Callee->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
    return isStacklessDecl(Ref->getDecl()->getAsFunction(), Name);
  // A dependent call: every candidate of the lookup must be the marker.
  if (const auto *ULE = dyn_cast<UnresolvedLookupExpr>(Callee)) {
    bool Any = false;
    for (const NamedDecl *D : ULE->decls()) {
      const NamedDecl *U = D->getUnderlyingDecl();
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(U))
        U = FT->getTemplatedDecl();
      if (!isStacklessDecl(U, Name))
        return false;
      Any = true;
    }
    return Any;
  }
  return false;
}

class Collector : public MatchFinder::MatchCallback {
public:
  explicit Collector(Discovered &Out) : Out(Out) {}

  void run(const MatchFinder::MatchResult &R) override {
    if (const auto *FD = R.Nodes.getNodeAs<FunctionDecl>("fn")) {
      if (FD->isTemplateInstantiation())
        return;
      if (markerOf(FD->getDeclaredReturnType()) != Marker::None)
        (FD->doesThisDeclarationHaveABody() ? Out.AsyncDefinitions : Out.AsyncDeclarations)
            .push_back(FD);
      return;
    }
    if (const auto *Lambda = R.Nodes.getNodeAs<LambdaExpr>("lambda")) {
      if (Lambda->hasExplicitResultType() &&
          markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None)
        Out.AsyncLambdas.push_back(Lambda);
      return;
    }
    if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("call"))
      if (isAwaitCall(Call) || isYieldCall(Call))
        Out.SuspendCalls.push_back(Call);
  }

private:
  Discovered &Out;
};

} // namespace

Marker markerOf(QualType T) {
  const TemplateDecl *TD = templateOf(T);
  if (isStacklessDecl(TD, "Async"))
    return Marker::Async;
  if (isStacklessDecl(TD, "Generator"))
    return Marker::Generator;
  if (isStacklessDecl(TD, "Stream"))
    return Marker::Stream;
  return Marker::None;
}

const TemplateArgument *markerArgument(QualType T, unsigned I) {
  T = T.getNonReferenceType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return I < TST->template_arguments().size() ? &TST->template_arguments()[I] : nullptr;
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return I < Spec->getTemplateArgs().size() ? &Spec->getTemplateArgs()[I] : nullptr;
  return nullptr;
}

bool isAwaitCall(const CallExpr *Call) {
  return Call->getCallee() && isMarkerFunction(Call->getCallee(), "await");
}

bool isYieldCall(const CallExpr *Call) {
  return Call->getCallee() && isMarkerFunction(Call->getCallee(), "yield");
}

Discovered discover(ASTContext &Ctx) {
  Discovered Out;
  Collector C(Out);
  MatchFinder Finder;
  // Template patterns only: instantiations repeat the same source.
  Finder.addMatcher(
      traverse(TK_IgnoreUnlessSpelledInSource, functionDecl(isExpansionInMainFile()).bind("fn")),
      &C);
  Finder.addMatcher(
      traverse(TK_IgnoreUnlessSpelledInSource, callExpr(isExpansionInMainFile()).bind("call")), &C);
  Finder.addMatcher(
      traverse(TK_IgnoreUnlessSpelledInSource, lambdaExpr(isExpansionInMainFile()).bind("lambda")),
      &C);
  // Only the main file's declarations are traversed: the headers it
  // includes (the standard library, the runtime) hold nothing to lower and
  // are most of the AST.
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<Decl *> MainFileDecls;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (D->getLocation().isValid() && SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      MainFileDecls.push_back(D);
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  Ctx.setTraversalScope(MainFileDecls);
  Finder.matchAST(Ctx);
  Ctx.setTraversalScope(Scope);
  return Out;
}

} // namespace stackless
