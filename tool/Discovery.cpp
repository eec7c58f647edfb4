//===- Discovery.cpp - find async functions and their await/yield points --===//
#include "Discovery.h"

#include <set>

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
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    if (TST->isTypeAlias()) // `template <class T> using Task = Async<T>;`
      return templateOf(TST->getAliasedType());
    return TST->getTemplateName().getAsTemplateDecl();
  }
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

/// A function with no suspension point whose every return hands on an
/// object that is itself a future, generator or stream.
bool onlyForwards(const FunctionDecl *FD) {
  if (suspends(FD->getBody()))
    return false;
  std::vector<const ReturnStmt *> Returns;
  collectReturns(FD->getBody(), Returns);
  if (Returns.empty())
    return false;
  for (const ReturnStmt *R : Returns) {
    const Expr *V = R->getRetValue();
    if (!V)
      return false;
    V = V->IgnoreImplicit();
    while (true) { // the converting constructor, if any, to its argument
      if (const auto *Ctor = dyn_cast<CXXConstructExpr>(V); Ctor && Ctor->getNumArgs() == 1)
        V = Ctor->getArg(0)->IgnoreImplicit();
      else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(V))
        V = Cast->getSubExpr()->IgnoreImplicit();
      else
        break;
    }
    if (V->isTypeDependent() || !isFutureLike(V->getType()))
      return false;
  }
  return true;
}

/// Ref names a function: the expression that uses it as a value (Ref, or
/// `&Ref`), or null when it is called (or only named in an unevaluated
/// operand, or through a template).
const Expr *valueUse(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl());
  if (!Fn || isa<CXXMethodDecl>(Fn) || Fn->isTemplateInstantiation() ||
      markerOf(Fn->getDeclaredReturnType()) == Marker::None)
    return nullptr;
  const Expr *Use = Ref;
  const Stmt *Child = Ref;
  while (true) {
    auto Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return nullptr;
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent) // the initializer of a declaration; not a type's (decltype)
      return Parents[0].get<Decl>() ? Use : nullptr;
    if (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent)) {
      Child = Parent;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      if (Call->getCallee() == Child)
        return nullptr;
    if (const auto *U = dyn_cast<UnaryOperator>(Parent);
        U && U->getOpcode() == UO_AddrOf && Use == Ref) {
      Use = U;
      Child = U;
      continue;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(Parent) || isa<CXXTypeidExpr>(Parent))
      return nullptr;
    return Use;
  }
}

/// Does a reference to the declared (marker) type bind to what Ref names:
/// an argument for a `Generator<int> &` parameter, the initializer of a
/// `Stream<int> &` variable?
bool boundAsDeclared(const DeclRefExpr *Ref, ASTContext &Ctx) {
  // Spelled, not deduced: `auto &&` (a range-for's range) binds anything.
  auto IsMarkerRef = [](QualType T) {
    return T->isReferenceType() && !T->getContainedAutoType() &&
           markerOf(T.getNonReferenceType()) != Marker::None;
  };
  const Stmt *Child = Ref;
  while (true) {
    auto Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return false;
    if (const auto *VD = Parents[0].get<VarDecl>())
      return IsMarkerRef(VD->getType());
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    if (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent)) {
      Child = Parent;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      // The parameter as written: `F &&` (await, join) takes anything.
      const FunctionDecl *Fn = Call->getDirectCallee();
      if (Fn && Fn->getTemplateInstantiationPattern())
        Fn = Fn->getTemplateInstantiationPattern();
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Fn) ? 1 : 0;
      for (unsigned I = Shift; Fn && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I - Shift < Fn->getNumParams())
          return IsMarkerRef(Fn->getParamDecl(I - Shift)->getType());
    }
    return false;
  }
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
    if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("call")) {
      if (isAwaitCall(Call) || isYieldCall(Call))
        Out.SuspendCalls.push_back(Call);
      if (const Expr *Callee = Call->getCallee())
        Callees.insert(Callee->IgnoreParenImpCasts());
    }
    if (const auto *Ref = R.Nodes.getNodeAs<DeclRefExpr>("varref"))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        if (!VD->getType()->isReferenceType() && VD->getType()->getContainedAutoType() &&
            markerOf(VD->getType()) != Marker::None && boundAsDeclared(Ref, *R.Context))
          Out.BoundAsDeclared.insert(VD);
    if (const auto *Ref = R.Nodes.getNodeAs<DeclRefExpr>("fnref"))
      FunctionRefs.push_back(Ref);
    if (const auto *Choice = R.Nodes.getNodeAs<ConditionalOperator>("choice"))
      if (markerOf(Choice->getType()) != Marker::None || Choice->isTypeDependent())
        Out.Choices.push_back(Choice);
  }

  /// The uses of async functions as values (`&f`, `auto g = f;`). Called
  /// after the match: a function named as a call's callee (nearly every
  /// reference) is skipped without asking for its parents, whose map costs
  /// a walk of every body in the file.
  void collectFunctionValues(ASTContext &Ctx) {
    for (const DeclRefExpr *Ref : FunctionRefs)
      if (!Callees.count(Ref))
        if (const Expr *Use = valueUse(Ref, Ctx))
          Out.FunctionValues.push_back(Use);
  }

private:
  Discovered &Out;
  std::vector<const DeclRefExpr *> FunctionRefs;
  std::set<const Expr *> Callees;
};

} // namespace

/// The returns of S outside lambdas and local classes.
void collectReturns(const Stmt *S, std::vector<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr>(S) || isa<DeclStmt>(S))
    return;
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    Out.push_back(R);
  for (const Stmt *Child : S->children())
    collectReturns(Child, Out);
}

/// Is T a future, a generator or a stream (a marker type, or a class with
/// poll, resume or poll_next)?
bool isFutureLike(QualType T) {
  if (markerOf(T) != Marker::None)
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  for (const char *Name : {"poll", "resume", "poll_next"})
    if (!RD->lookup(&RD->getASTContext().Idents.get(Name)).empty())
      return true;
  return false;
}

bool suspends(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (isAwaitCall(Call) || isYieldCall(Call))
      return true;
  for (const Stmt *Child : S->children())
    if (suspends(Child))
      return true;
  return false;
}

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
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    if (TST->isTypeAlias())
      return markerArgument(TST->getAliasedType(), I);
    return I < TST->template_arguments().size() ? &TST->template_arguments()[I] : nullptr;
  }
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
  Finder.addMatcher(traverse(TK_IgnoreUnlessSpelledInSource,
                             conditionalOperator(isExpansionInMainFile()).bind("choice")),
                    &C);
  Finder.addMatcher(traverse(TK_IgnoreUnlessSpelledInSource,
                             declRefExpr(isExpansionInMainFile(), to(functionDecl())).bind("fnref")),
                    &C);
  Finder.addMatcher(traverse(TK_IgnoreUnlessSpelledInSource,
                             declRefExpr(isExpansionInMainFile(), to(varDecl())).bind("varref")),
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
  C.collectFunctionValues(Ctx); // its parent map covers the main file only
  Ctx.setTraversalScope(Scope);

  // Not async after all: functions that only hand on another future,
  // generator or stream (`Async<int> pick(bool q) { return q ? a() : b(); }`)
  // are ordinary C++ that boxes it (Async<T>, Generator<Y, R> and
  // Stream<T> are type-erased owners): left as written.
  std::set<const FunctionDecl *> Forwarding;
  for (const FunctionDecl *FD : Out.AsyncDefinitions)
    if (onlyForwards(FD))
      Forwarding.insert(FD->getCanonicalDecl());
  auto IsForwarding = [&](const FunctionDecl *FD) {
    return Forwarding.count(FD->getCanonicalDecl()) > 0;
  };
  llvm::erase_if(Out.AsyncDefinitions, IsForwarding);
  llvm::erase_if(Out.AsyncDeclarations, IsForwarding);
  // So are such lambdas (`[](int x) -> Async<int> { return leaf(x); }`).
  llvm::erase_if(Out.AsyncLambdas,
                 [](const LambdaExpr *L) { return onlyForwards(L->getCallOperator()); });
  return Out;
}

} // namespace stackless
