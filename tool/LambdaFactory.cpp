//===- LambdaFactory.cpp - a named lambda kept across an await ------------===//

#include "LambdaFactory.h"

#include "Analysis.h"
#include "Discovery.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <functional>
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

/// What a factory's name starts with: the function's name, or for an async
/// lambda `lambda_L6` (where it is written).
std::string enclosingName(const AsyncFunction &F, ASTContext &Ctx) {
  if (!F.Lambda)
    return F.Decl->getNameAsString();
  return "lambda_L" +
         std::to_string(Ctx.getSourceManager().getExpansionLineNumber(F.Lambda->getBeginLoc()));
}

/// The using-directives and -declarations written in the function's body
/// before Lambda, in a block around it (`using namespace std::chrono;`):
/// the factory, written outside the function, repeats them.
std::string usingsInForce(const FunctionDecl *Fn, const LambdaExpr *Lambda, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation At = SM.getExpansionLoc(Lambda->getBeginLoc());
  std::string Out;
  std::function<void(const Stmt *, const CompoundStmt *)> Walk = [&](const Stmt *S,
                                                                    const CompoundStmt *Block) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S); DS && Block) {
      bool Using = llvm::all_of(DS->decls(), [](const Decl *D) {
        return isa<UsingDirectiveDecl>(D) || isa<UsingDecl>(D) || isa<NamespaceAliasDecl>(D);
      });
      SourceLocation End = SM.getExpansionLoc(DS->getEndLoc());
      if (Using && SM.isBeforeInTranslationUnit(End, At) &&
          SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Block->getLBracLoc()), At) &&
          SM.isBeforeInTranslationUnit(At, SM.getExpansionLoc(Block->getRBracLoc())))
        Out += Lexer::getSourceText(CharSourceRange::getTokenRange(
                                        SM.getExpansionLoc(DS->getBeginLoc()), End),
                                    SM, Ctx.getLangOpts())
                   .str() +
               " ";
      return;
    }
    const auto *CS = dyn_cast<CompoundStmt>(S);
    for (const Stmt *Child : S->children())
      Walk(Child, CS ? CS : Block);
  };
  Walk(Fn->getBody(), nullptr);
  return Out;
}

std::string freshIdentifier(const std::string &Base, ASTContext &Ctx) {
  std::string Name = Base;
  for (unsigned N = 1; Ctx.Idents.find(Name) != Ctx.Idents.end(); ++N)
    Name = Base + std::to_string(N);
  Ctx.Idents.get(Name); // taken: a second factory of this name gets another
  return Name;
}

} // namespace

bool makeLambdaFactory(const AsyncFunction &F, const LambdaExpr *Lambda, const std::string &Base,
                       const std::string &Comment, const std::string &Makes,
                       LambdaFactory &Out, ASTContext &Ctx, std::string &WhyNot) {
  Out.Lambda = Lambda;
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
  // (Inside an async lambda, a class's static member: see below.)
  const auto *Method = F.Lambda ? nullptr : dyn_cast<CXXMethodDecl>(F.Decl);
  if (F.Lambda && (Async || F.Decl->isTemplated())) {
    WhyNot = Async ? "it is an async lambda inside an async lambda"
                   : "it is in a generic async lambda, or an async lambda in a template";
    return false;
  }
  if (Method ? F.Decl->isTemplated()
             : (F.Decl->getDeclContext()->isDependentContext() ||
                (F.Decl->isTemplated() && !F.Template))) {
    WhyNot = "the function is a member of a class template, or a member function template";
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
  // Adds a parameter and a capture for VD; else says why it cannot.
  auto AddCapture = [&](const VarDecl *VD, bool ByRef, bool Init) -> std::string {
    std::string Name = VD->getName().str();
    if (VD->getType()->getContainedAutoType() && VD->getType()->isDependentType())
      return "it captures `" + Name + "`, whose type is deduced when the template is "
             "instantiated";
    QualType T = VD->getType().getNonReferenceType();
    // In an async lambda's body, what it captures by copy is const unless
    // the lambda is mutable.
    if (F.Lambda && !F.Lambda->isMutable() &&
        llvm::any_of(F.Lambda->captures(), [&](const LambdaCapture &Outer) {
          return Outer.capturesVariable() && Outer.getCapturedVar() == VD &&
                 Outer.getCaptureKind() == LCK_ByCopy;
        }))
      T = T.withConst();
    // By reference, or by copy made by the closure itself (`[t]` of a
    // `T &t`: a member of type T, copied once, in capture order, as where
    // the lambda is written); an init-capture's value is made by the call.
    QualType Param;
    std::string Capture;
    if (Init) {
      Param = ByRef ? Ctx.getLValueReferenceType(T) : T.getUnqualifiedType();
      Capture = ByRef ? "&" + Name + " = " + Name : Name + " = std::move(" + Name + ")";
    } else {
      Param = Ctx.getLValueReferenceType(T);
      Capture = ByRef ? "&" + Name : Name;
    }
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
        RD && RD->isLambda() && (!F.var(VD) || !F.var(VD)->Factory.made()))
      return "it captures the lambda `" + Name + "`, which is not kept itself";
    if (mentionsLocalType(T))
      return "it captures `" + Name + "`, whose type is declared in the function";
    std::string ParamType = typeName(Param, Ctx);
    // Another kept lambda (`[&] { bump(1); }`): named by its own factory's type.
    if (const Variable *Other = F.var(VD); Other && Other->Factory.made())
      ParamType = Init && !ByRef ? Other->ValueType : Other->ValueType + " &";
    Add(Params, declarator(ParamType, Name));
    Add(DeclvalArgs, "std::declval<" + ParamType + ">()");
    Add(Captures, Capture);
    Out.Args.push_back(VD);
    Out.ParamTypes.push_back(ParamType);
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
  std::string Name = freshIdentifier(Base, Ctx);
  std::string Lambda_ =
      fmt::format("{{ {}return [{}]{}; }}", usingsInForce(F.Decl, Lambda, Ctx), Captures, Rest);
  if (Method) {
    // `auto run_add_lambda(int &n);` in the class, defined after it.
    std::string Class = typeName(Ctx.getRecordType(Method->getParent()), Ctx);
    std::string Const = Method->isConst() ? " const" : "";
    Out.InClass = fmt::format("{}auto {}({}){}; // makes {}", Method->isStatic() ? "static " : "",
                              Name, Params, Method->isStatic() ? "" : Const, Makes);
    Out.Name = Method->isStatic() ? Class + "::" + Name : Name;
    std::string Object = Method->isStatic()
                             ? Class + "::"
                             : "std::declval<" + std::string(Method->isConst() ? "const " : "") +
                                   Class + " &>().";
    Out.Text = fmt::format("{}inline auto {}::{}({}){} {}\n"
                           "using {}_type = decltype({}{}({}));\n\n",
                           Comment, Class, Name, Params, Method->isStatic() ? "" : Const, Lambda_,
                           Name, Object, Name, DeclvalArgs);
    Out.Type = Name + "_type";
    return true;
  }
  if (F.Lambda) {
    // The class of an async lambda may be local to the lambda's body, where
    // no function can be defined; a local class's static member can.
    Out.Name = Name + "::make";
    Out.Type = Name + "_type";
    Out.Text = fmt::format("{}class {} {{\n"
                           "public:\n"
                           "  static auto make({}) {}\n"
                           "}};\n"
                           "using {} = decltype({}({}));\n\n",
                           Comment, Name, Params, Lambda_, Out.Type, Out.Name, DeclvalArgs);
    return true;
  }
  // A function template's factory is a function template of the same
  // parameters, called with them spelled (`twice_dbl_lambda<T>(v)`).
  std::string Head = F.Template ? F.TemplateHead : "";
  Out.Name = Name + F.TemplateArgs;
  Out.Type = Name + "_type" + F.TemplateArgs;
  Out.Text = fmt::format("{}{}inline auto {}({}) {}\n"
                         "{}using {}_type = decltype({}({}));\n\n",
                         Comment, Head, Name, Params, Lambda_, Head, Name, Out.Name, DeclvalArgs);
  return true;
}

bool makeLambdaFactory(const AsyncFunction &F, Variable &V, ASTContext &Ctx,
                       std::string &WhyNot) {
  const LambdaExpr *Lambda = namedLambda(V);
  if (!Lambda) {
    WhyNot = "it is not initialized by the lambda itself";
    return false;
  }
  // Also given to an awaited future (`poll_fn(step)`): that factory.
  if (const LambdaFactory *Held = F.heldLambda(Lambda)) {
    V.Factory = *Held;
    V.ValueType = V.SlotType = Held->Type;
    return true;
  }
  std::string Comment = fmt::format(
      "// `{}` (line {}) is kept across an await: made by a function, the class\n"
      "// can name its type.\n",
      V.Decl->getName().str(),
      Ctx.getSourceManager().getExpansionLineNumber(V.Decl->getLocation()));
  const std::string Function = enclosingName(F, Ctx);
  if (!makeLambdaFactory(F, Lambda, Function + "_" + V.Decl->getName().str() + "_lambda",
                         Comment,
                         "`" + V.Decl->getName().str() + "`, a lambda of " + Function + "()",
                         V.Factory, Ctx, WhyNot))
    return false;
  V.ValueType = V.SlotType = V.Factory.Type;
  return true;
}

bool makeHeldLambdaFactories(AsyncFunction &F, const Stmt *S, ASTContext &Ctx,
                             std::string &WhyNot) {
  if (!S)
    return true;
  // A named lambda (`auto step = [..](Context &cx) {..}; poll_fn(step)`):
  // made by the factory where it is declared, and named by its type.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (F.var(VD))
        if (const LambdaExpr *Named = namedLambda(*F.var(VD))) {
          Variable &V = F.Vars[F.VarIndex.at(VD)];
          if (!makeHeldLambdaFactories(F, Named, Ctx, WhyNot))
            return false;
          V.ValueType = F.heldLambda(Named)->Type;
          return true;
        }
  const auto *Lambda = dyn_cast<LambdaExpr>(S);
  if (!Lambda) {
    for (const Stmt *Child : S->children())
      if (!makeHeldLambdaFactories(F, Child, Ctx, WhyNot))
        return false;
    return true;
  }
  // An async lambda's class is hoisted instead (HoistedLambdas.h).
  if (markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None ||
      F.heldLambda(Lambda))
    return true;
  const unsigned Line = Ctx.getSourceManager().getExpansionLineNumber(Lambda->getBeginLoc());
  const std::string Function = enclosingName(F, Ctx);
  LambdaFactory Made;
  std::string Comment = fmt::format(
      "// The lambda of line {} is held by an object kept across an await: made\n"
      "// by a function, the class can name its type.\n",
      Line);
  if (!makeLambdaFactory(F, Lambda, Function + "_lambda_L" + std::to_string(Line), Comment,
                         fmt::format("the lambda of line {}, in {}()", Line, Function), Made, Ctx,
                         WhyNot)) {
    WhyNot = "its lambda cannot be made before the generated class (" + WhyNot + ")";
    return false;
  }
  F.HeldLambdas.push_back(std::move(Made));
  return true;
}

} // namespace stackless
