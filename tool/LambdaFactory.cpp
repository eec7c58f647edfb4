//===- LambdaFactory.cpp - a named lambda kept across an await ------------===//

#include "LambdaFactory.h"

#include "Analysis.h"
#include "Discovery.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <set>

using namespace clang;

namespace stackless {

const LambdaExpr *namedLambda(const Variable &V) {
  const Expr *Init = V.Decl->getInit();
  while (Init) {
    Init = Init->IgnoreImplicit();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Init))
      return Lambda;
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
    if (!Construct || Construct->getNumArgs() != 1)
      return nullptr;
    Init = Construct->getArg(0); // `auto f = [..] {..};` before C++17's elision
  }
  return nullptr;
}

namespace {

/// The first entity of the enclosing function the body names without
/// capturing it (a constexpr or static local, a local type or enumerator),
/// or null.
const NamedDecl *uncapturedLocal(const LambdaExpr *Lambda, const FunctionDecl *Enclosing) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const LambdaExpr *Lambda;
    const FunctionDecl *Enclosing;
    std::set<const VarDecl *> Captured;
    const NamedDecl *Found = nullptr;
    bool outside(const Decl *D) const {
      // Declared in the enclosing function but not inside the lambda.
      for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
        if (DC == Lambda->getCallOperator() || DC == Lambda->getLambdaClass())
          return false;
        if (DC == Enclosing)
          return true;
      }
      return false;
    }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      const ValueDecl *D = Ref->getDecl();
      if (const auto *VD = dyn_cast<VarDecl>(D); VD && Captured.count(VD))
        return true;
      if (outside(D))
        Found = D;
      return !Found;
    }
    bool VisitTypeLoc(TypeLoc TL) {
      const NamedDecl *D = TL.getType()->getAsTagDecl();
      if (const auto *TD = TL.getType()->getAs<TypedefType>())
        D = TD->getDecl();
      if (D && outside(D))
        Found = D;
      return !Found;
    }
  } Finder;
  Finder.Lambda = Lambda;
  Finder.Enclosing = Enclosing;
  for (const LambdaCapture &C : Lambda->captures())
    if (C.capturesVariable())
      if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
        Finder.Captured.insert(VD);
  Finder.TraverseStmt(Lambda->getBody());
  for (const ParmVarDecl *P : Lambda->getCallOperator()->parameters())
    if (!Finder.Found)
      Finder.TraverseTypeLoc(P->getTypeSourceInfo()->getTypeLoc());
  return Finder.Found;
}

std::string freshIdentifier(const std::string &Base, ASTContext &Ctx) {
  std::string Name = Base;
  for (unsigned N = 1; Ctx.Idents.find(Name) != Ctx.Idents.end(); ++N)
    Name = Base + std::to_string(N);
  Ctx.Idents.get(Name); // taken: a second factory of this name gets another
  return Name;
}

} // namespace

bool makeLambdaFactory(const AsyncFunction &F, Variable &V, ASTContext &Ctx,
                       std::string &WhyNot) {
  const LambdaExpr *Lambda = namedLambda(V);
  if (!Lambda) {
    WhyNot = "it is not initialized by the lambda itself";
    return false;
  }
  if (markerOf(Lambda->getCallOperator()->getReturnType()) != Marker::None) {
    WhyNot = "it is an async lambda, whose future's class is local to it";
    return false;
  }
  if (F.Lambda || isa<CXXMethodDecl>(F.Decl) || F.Decl->isTemplated()) {
    WhyNot = "only in a free function that is not a template";
    return false;
  }
  if (Lambda->getBeginLoc().isMacroID() || Lambda->getEndLoc().isMacroID()) {
    WhyNot = "it is written by a macro";
    return false;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Params, DeclvalArgs, Captures;
  auto Add = [](std::string &List, const std::string &Item) {
    List += (List.empty() ? "" : ", ") + Item;
  };
  const bool Mutable = Lambda->isMutable();
  for (const LambdaCapture &C : Lambda->captures()) {
    if (!C.capturesVariable()) {
      WhyNot = "it captures `this`";
      return false;
    }
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD) {
      WhyNot = "it captures a structured binding";
      return false;
    }
    std::string Name = VD->getName().str();
    QualType T = VD->getType().getNonReferenceType();
    QualType Param;
    std::string Capture;
    if (C.getCaptureKind() == LCK_ByRef) {
      Param = Ctx.getLValueReferenceType(T);
      Capture = Lambda->isInitCapture(&C) ? "&" + Name + " = " + Name : "&" + Name;
    } else if (Lambda->isInitCapture(&C) || Mutable) {
      Param = T.getUnqualifiedType();
      Capture = Name + " = std::move(" + Name + ")";
    } else {
      Param = Ctx.getLValueReferenceType(T.withConst());
      Capture = Name;
    }
    Add(Params, declarator(typeName(Param, Ctx), Name));
    Add(DeclvalArgs, "std::declval<" + typeName(Param, Ctx) + ">()");
    Add(Captures, Capture);
  }
  if (const NamedDecl *D = uncapturedLocal(Lambda, F.Decl)) {
    WhyNot = "its body names `" + D->getNameAsString() + "` of the function without capturing it";
    return false;
  }
  // The lambda as written, with its capture list spelled out.
  SourceRange Intro = Lambda->getIntroducerRange();
  auto Text = [&](SourceLocation A, SourceLocation B) {
    return Lexer::getSourceText(CharSourceRange::getCharRange(A, B), SM, Ctx.getLangOpts()).str();
  };
  std::string Rest =
      Text(Lexer::getLocForEndOfToken(Intro.getEnd(), 0, SM, Ctx.getLangOpts()),
           Lexer::getLocForEndOfToken(Lambda->getEndLoc(), 0, SM, Ctx.getLangOpts()));
  std::string Name = freshIdentifier(
      F.Decl->getNameAsString() + "_" + V.Decl->getName().str() + "_lambda", Ctx);
  V.LambdaFactoryName = Name;
  V.ValueType = V.SlotType = Name + "_type";
  V.LambdaFactory = fmt::format(
      "// `{}` (line {}) is kept across an await: made by a function, the class\n"
      "// can name its type.\n"
      "inline auto {}({}) {{ return [{}]{}; }}\n"
      "using {}_type = decltype({}({}));\n\n",
      V.Decl->getName().str(), SM.getExpansionLineNumber(V.Decl->getLocation()), Name, Params,
      Captures, Rest, Name, Name, DeclvalArgs);
  return true;
}

} // namespace stackless
