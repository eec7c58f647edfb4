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

const NamedDecl *uncapturedLocal(const LambdaExpr *Lambda, const FunctionDecl *Enclosing,
                                 const std::set<const VarDecl *> &AlsoCaptured) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const LambdaExpr *Lambda;
    const FunctionDecl *Enclosing;
    std::set<const VarDecl *> Captured;
    const NamedDecl *Found = nullptr;
    bool outside(const Decl *D) const {
      // Declared in the enclosing function but not inside the lambda (its
      // template parameters are the factory's too).
      if (isa<NonTypeTemplateParmDecl>(D))
        return false;
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
      if (isa<CXXMethodDecl>(D)) // `bump(by)`: the call operator of a captured lambda
        return true;
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
  Finder.Captured = AlsoCaptured;
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

namespace {

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
  // An async lambda: its body in the output only makes its future, whose
  // class (hoisted before this function's) the factory can name.
  const HoistedLambda *Async = nullptr;
  if (markerOf(Lambda->getCallOperator()->getReturnType()) != Marker::None) {
    Async = hoistedLambdaOf(Lambda, F.File);
    if (!Async) {
      WhyNot = "it is an async lambda, whose future's class is local to it";
      return false;
    }
  }
  // Where the factory goes: a function beside the class, a function
  // template with the function's own template head, or a member of the
  // function's class (its body may name the class's members).
  const auto *Method = dyn_cast<CXXMethodDecl>(F.Decl);
  if (F.Lambda) {
    WhyNot = "not in an async lambda";
    return false;
  }
  if (Method ? F.Decl->isTemplated()
             : (F.Decl->getDeclContext()->isDependentContext() ||
                (F.Decl->isTemplated() && !F.Template))) {
    WhyNot = "not in a class template or a member function template";
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
  // Adds a parameter and a capture for VD; else says why it cannot.
  auto AddCapture = [&](const VarDecl *VD, bool ByRef, bool Init) -> std::string {
    std::string Name = VD->getName().str();
    if (VD->getType()->getContainedAutoType() && VD->getType()->isDependentType())
      return "it captures `" + Name + "`, whose type is deduced when the template is "
             "instantiated";
    QualType T = VD->getType().getNonReferenceType();
    QualType Param;
    std::string Capture;
    if (ByRef) {
      Param = Ctx.getLValueReferenceType(T);
      Capture = Init ? "&" + Name + " = " + Name : "&" + Name;
    } else if (Init || Mutable) {
      Param = T.getUnqualifiedType();
      Capture = Name + " = std::move(" + Name + ")";
    } else {
      Param = Ctx.getLValueReferenceType(T.withConst());
      Capture = Name;
    }
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
        RD && RD->isLambda() && (!F.var(VD) || F.var(VD)->LambdaFactoryName.empty()))
      return "it captures the lambda `" + Name + "`, which is not kept itself";
    std::string ParamType = typeName(Param, Ctx);
    // Another kept lambda (`[&] { bump(1); }`): named by its own factory's type.
    if (const Variable *Other = F.var(VD); Other && !Other->LambdaFactoryName.empty())
      ParamType = ByRef              ? Other->ValueType + " &"
                  : Init || Mutable ? Other->ValueType
                                    : "const " + Other->ValueType + " &";
    Add(Params, declarator(ParamType, Name));
    Add(DeclvalArgs, "std::declval<" + ParamType + ">()");
    Add(Captures, Capture);
    V.LambdaFactoryArgs.push_back(VD);
    V.LambdaFactoryParamTypes.push_back(ParamType);
    return "";
  };
  for (const LambdaCapture &C : Lambda->captures()) {
    if (C.capturesThis()) {
      if (!Method) {
        WhyNot = "it captures `this`";
        return false;
      }
      Add(Captures, C.getCaptureKind() == LCK_StarThis ? "*this" : "this");
      continue;
    }
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD) {
      WhyNot = "it captures a structured binding";
      return false;
    }
    WhyNot = AddCapture(VD, C.getCaptureKind() == LCK_ByRef, Lambda->isInitCapture(&C));
    if (!WhyNot.empty())
      return false;
  }
  // In a template's pattern Clang leaves out implicit captures it cannot
  // decide before the instantiation (`[&] { total += x; }` with a dependent
  // `total`): a local the body names is captured as the default says.
  std::set<const VarDecl *> Implicit;
  while (const NamedDecl *D = uncapturedLocal(Lambda, F.Decl, Implicit)) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasLocalStorage() || Lambda->getCaptureDefault() == LCD_None ||
        !F.Decl->isTemplated()) {
      WhyNot = "its body names `" + D->getNameAsString() + "` of the function without capturing it";
      return false;
    }
    Implicit.insert(VD);
    WhyNot = AddCapture(VD, Lambda->getCaptureDefault() == LCD_ByRef, false);
    if (!WhyNot.empty())
      return false;
  }
  // The lambda as written, with its capture list spelled out.
  SourceRange Intro = Lambda->getIntroducerRange();
  auto Text = [&](SourceLocation A, SourceLocation B) {
    return Lexer::getSourceText(CharSourceRange::getCharRange(A, B), SM, Ctx.getLangOpts()).str();
  };
  SourceLocation AfterIntro = Lexer::getLocForEndOfToken(Intro.getEnd(), 0, SM, Ctx.getLangOpts());
  std::string Rest = Text(AfterIntro, Lexer::getLocForEndOfToken(Lambda->getEndLoc(), 0, SM,
                                                                 Ctx.getLangOpts()));
  if (Async) {
    // `(int d) { return lambda_L8_future(d); }`: without `-> Async<int>`.
    FunctionTypeLoc FTL = Lambda->getCallOperator()->getFunctionTypeLoc();
    if (!FTL || FTL.getRParenLoc().isInvalid() || FTL.getRParenLoc().isMacroID()) {
      WhyNot = "its parameter list is not written";
      return false;
    }
    Rest = Text(AfterIntro, FTL.getRParenLoc().getLocWithOffset(1)) +
           (Lambda->isMutable() ? " mutable " : " ") + Async->Body;
  }
  std::string Name = freshIdentifier(
      F.Decl->getNameAsString() + "_" + V.Decl->getName().str() + "_lambda", Ctx);
  std::string Comment = fmt::format(
      "// `{}` (line {}) is kept across an await: made by a function, the class\n"
      "// can name its type.\n",
      V.Decl->getName().str(), SM.getExpansionLineNumber(V.Decl->getLocation()));
  std::string Lambda_ = fmt::format("{{ return [{}]{}; }}", Captures, Rest);
  if (Method) {
    // `auto run_add_lambda(int &n);` in the class, defined after it.
    std::string Class = typeName(Ctx.getRecordType(Method->getParent()), Ctx);
    std::string Const = Method->isConst() ? " const" : "";
    V.LambdaFactoryInClass = fmt::format(
        "{}auto {}({}){}; // makes `{}`, a lambda of {}()", Method->isStatic() ? "static " : "",
        Name, Params, Method->isStatic() ? "" : Const, V.Decl->getName().str(),
        F.Decl->getNameAsString());
    V.LambdaFactoryName = Method->isStatic() ? Class + "::" + Name : Name;
    std::string Object = Method->isStatic()
                             ? Class + "::"
                             : "std::declval<" + std::string(Method->isConst() ? "const " : "") +
                                   Class + " &>().";
    V.LambdaFactory = fmt::format("{}inline auto {}::{}({}){} {}\n"
                                  "using {}_type = decltype({}{}({}));\n\n",
                                  Comment, Class, Name, Params,
                                  Method->isStatic() ? "" : Const, Lambda_, Name, Object, Name,
                                  DeclvalArgs);
    V.ValueType = V.SlotType = Name + "_type";
    return true;
  }
  // A function template's factory is a function template of the same
  // parameters, called with them spelled (`twice_dbl_lambda<T>(v)`).
  std::string Head = F.Template ? F.TemplateHead : "";
  V.LambdaFactoryName = Name + F.TemplateArgs;
  V.ValueType = V.SlotType = Name + "_type" + F.TemplateArgs;
  V.LambdaFactory = fmt::format("{}{}inline auto {}({}) {}\n"
                                "{}using {}_type = decltype({}({}));\n\n",
                                Comment, Head, Name, Params, Lambda_, Head, Name,
                                V.LambdaFactoryName, DeclvalArgs);
  return true;
}

} // namespace stackless
