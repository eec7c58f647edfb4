//===- Emitter.cpp - print the lowered future class ----------------------===//
#include "Emitter.h"
#include "Analysis.h"
#include "Layout.h"
#include "Lowering.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

using namespace clang;

namespace stackless {
namespace {

std::string stateMemberName(unsigned Member) {
  return Member == 0 ? "unresumed" : "suspend" + std::to_string(Member - 1);
}

std::string stateName(const AsyncFunction &F, unsigned Member) {
  return Member == 0 ? "Unresumed" : F.Points[Member - 1].StateName;
}

/// What a state holds, for its comment: the talk's struct fields.
std::string holds(const AsyncFunction &F, unsigned Member) {
  std::vector<std::string> Names;
  for (const Variable &V : F.Vars) {
    bool Here = Member == 0 ? V.IsParam && V.isSaved() : V.SavedAt.count(Member) && V.isSaved();
    if (Here)
      Names.push_back(V.Name);
  }
  for (const Temporary &T : F.Temps)
    if (T.AliveAt.count(Member))
      Names.push_back(T.Name);
  if (Member > 0 && F.Points[Member - 1].OperandIsTemporary && F.Points[Member - 1].FutureInState)
    Names.push_back(F.Points[Member - 1].FutureMember);
  if (Names.empty())
    return "nothing";
  std::string Out;
  for (const std::string &N : Names)
    Out += (Out.empty() ? "" : ", ") + N;
  return Out;
}

} // namespace

bool needsDestructor(const AsyncFunction &F) {
  for (const Variable &V : F.Vars)
    if ((V.isSaved() || V.IsParam) && !V.TrivialDtor)
      return true;
  for (const Temporary &T : F.Temps)
    if (T.NeedsDestroy && !T.AliveAt.empty())
      return true;
  for (const SuspendPoint &P : F.Points)
    if (P.OperandIsTemporary && P.FutureInState && !P.FutureTrivial)
      return true;
  return false;
}

namespace {

/// Objects alive at a state, in the order they must be destroyed.
std::vector<std::string> aliveAt(const AsyncFunction &F, unsigned Member) {
  std::vector<std::string> Out;
  if (Member > 0) {
    const SuspendPoint &P = F.Points[Member - 1];
    if (P.OperandIsTemporary && P.FutureInState && !P.FutureTrivial)
      Out.push_back(futurePath(F, P));
    // The statement's temporaries, newest first.
    for (auto It = F.Temps.rbegin(); It != F.Temps.rend(); ++It)
      if (It->NeedsDestroy && It->AliveAt.count(Member))
        Out.push_back(It->Name);
    for (auto It = P.InScope.rbegin(); It != P.InScope.rend(); ++It) {
      const Variable &V = F.Vars[*It];
      if (V.isSaved() && !V.TrivialDtor)
        Out.push_back(slotPath(F, V));
    }
  } else {
    for (auto It = F.Vars.rbegin(); It != F.Vars.rend(); ++It)
      if (It->IsParam && !It->TrivialDtor)
        Out.push_back(slotPath(F, *It));
  }
  return Out;
}

/// The flag of a Temporary made on a side that may not run, if Path is one.
std::string madeFlag(const AsyncFunction &F, const std::string &Path) {
  for (const Temporary &T : F.Temps)
    if (T.Name == Path)
      return T.MadeFlag;
  return "";
}

bool refersTo(const Stmt *S, const FunctionDecl *Fn) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Callee = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (Callee->getCanonicalDecl() == Fn->getCanonicalDecl())
        return true;
  if (const auto *ULE = dyn_cast<UnresolvedLookupExpr>(S))
    for (const NamedDecl *D : ULE->decls())
      if (D->getUnderlyingDecl()->getAsFunction() &&
          D->getUnderlyingDecl()->getAsFunction()->getCanonicalDecl() == Fn->getCanonicalDecl())
        return true;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, Fn))
      return true;
  return false;
}

} // namespace

std::string signatureWithReturnType(const FunctionDecl *D, const std::string &ReturnType,
                                    ASTContext &Ctx, bool WithoutDefaults) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = D->getBeginLoc();
  if (const FunctionTemplateDecl *T = D->getDescribedFunctionTemplate())
    Begin = T->getBeginLoc();
  SourceRange Ret = D->getReturnTypeSourceRange();
  // `auto f() -> Async<int>`: the type after the arrow (the range above
  // would be the whole declarator).
  if (const auto *FPT = D->getType()->getAs<FunctionProtoType>(); FPT && FPT->hasTrailingReturn())
    if (TypeSourceInfo *TSI = D->getTypeSourceInfo())
      if (FunctionTypeLoc FTL = TSI->getTypeLoc().IgnoreParens().getAs<FunctionTypeLoc>())
        Ret = FTL.getReturnLoc().getSourceRange();
  SourceLocation End =
      D->doesThisDeclarationHaveABody() ? D->getBody()->getBeginLoc() : D->getEndLoc();
  auto Text = [&](SourceLocation A, SourceLocation B) {
    return Lexer::getSourceText(CharSourceRange::getCharRange(A, B), SM, Ctx.getLangOpts()).str();
  };
  SourceLocation AfterRet = Lexer::getLocForEndOfToken(Ret.getEnd(), 0, SM, Ctx.getLangOpts());
  std::string Tail = D->doesThisDeclarationHaveABody()
                         ? Text(AfterRet, End)
                         : Lexer::getSourceText(CharSourceRange::getTokenRange(AfterRet, End), SM,
                                                Ctx.getLangOpts())
                               .str();
  if (WithoutDefaults) {
    // ` = 1` after each parameter that has one, last first (offsets into Tail).
    unsigned Base = SM.getFileOffset(AfterRet);
    for (unsigned I = D->getNumParams(); I-- > 0;) {
      const ParmVarDecl *P = D->getParamDecl(I);
      SourceRange Default = P->getDefaultArgRange();
      if (!P->hasDefaultArg() || Default.isInvalid() || !Default.getBegin().isFileID() ||
          !Default.getEnd().isFileID())
        continue;
      SourceLocation From = P->getLocation().isValid() && P->getIdentifier()
                                ? Lexer::getLocForEndOfToken(P->getLocation(), 0, SM,
                                                             Ctx.getLangOpts())
                                : Lexer::getLocForEndOfToken(P->getTypeSpecEndLoc(), 0, SM,
                                                             Ctx.getLangOpts());
      SourceLocation To = Lexer::getLocForEndOfToken(Default.getEnd(), 0, SM, Ctx.getLangOpts());
      unsigned A = SM.getFileOffset(From), B = SM.getFileOffset(To);
      if (A >= Base && B >= A && B - Base <= Tail.size())
        Tail.erase(A - Base, B - A);
    }
  }
  // The text up to the body's brace ends with the space before it.
  return llvm::StringRef(Text(Begin, Ret.getBegin()) + ReturnType + Tail).rtrim().str();
}

/// `Head { statement }` on one line when it fits (clang-format's LLVM style
/// merges short functions so), else a block; `Head {}` when empty.
static std::string shortFunction(const std::string &Indent, const std::string &Head,
                                 const std::vector<std::string> &Statements) {
  if (Statements.empty())
    return Indent + Head + " {}\n";
  std::string OneLine = Indent + Head + " { " + Statements[0] + " }";
  if (Statements.size() == 1 && OneLine.size() <= LayoutColumnLimit &&
      OneLine.find('\n') == std::string::npos)
    return OneLine + "\n";
  std::string Out = Indent + Head + " {\n";
  for (const std::string &S : Statements)
    Out += Indent + "  " + S + "\n";
  return Out + Indent + "}\n";
}

/// `alignas(64) int x;` kept in a slot: the slot is aligned as the
/// variable was (a Slot<T> only has T's own alignment).
static std::string alignasOf(const Variable &V) {
  if (V.IsReference || !V.Decl->hasAttr<clang::AlignedAttr>())
    return "";
  clang::ASTContext &Ctx = V.Decl->getASTContext();
  return fmt::format("alignas({}) ", Ctx.getDeclAlign(V.Decl).getQuantity());
}

std::string emitForwardDeclaration(const AsyncFunction &F) {
  return fmt::format("{}class {};\n", F.TemplateHead, F.ClassName);
}

/// A function that names itself (recursion through boxed(...)) is declared
/// before the class that calls it.
static bool declaredBeforeItsClass(const AsyncFunction &F) {
  return !F.Method && !F.Lambda && refersTo(F.Decl->getBody(), F.Decl);
}

/// What the factory hands the future's constructor: `this`, then the
/// parameters (moved, unless references).
static std::string factoryArguments(const AsyncFunction &F) {
  std::string Args;
  auto Add = [&](const std::string &A) { Args += (Args.empty() ? "" : ", ") + A; };
  if (F.Method)
    Add("this");
  for (const ParmVarDecl *P : F.Decl->parameters()) {
    if (P->getName().empty())
      continue;
    Add(P->getType()->isReferenceType() ? P->getName().str()
                                        : "std::move(" + P->getName().str() + ")");
  }
  return Args;
}

std::string emitFactory(const AsyncFunction &F, ASTContext &Ctx, bool Declared) {
  std::string Args = factoryArguments(F);
  Declared = Declared || declaredBeforeItsClass(F);
  return shortFunction("", signatureWithReturnType(F.Decl, F.factoryType(), Ctx, Declared),
                       {"return " + F.factoryValue(Args) + ";"});
}

std::string emitFactoryAroundClass(const AsyncFunction &F, const std::string &Class,
                                   ASTContext &Ctx) {
  std::string Args = factoryArguments(F);
  return signatureWithReturnType(F.Decl, F.factoryType(), Ctx, /*WithoutDefaults=*/true) +
         " {\n"
         "  // The function is declared in a file stackless does not rewrite (it\n"
         "  // keeps its Async<T>); its state machine is a class local to it, which\n"
         "  // may use what the function may (private members).\n" +
         layOutBlock(Class, Ctx.getLangOpts(), 2) + "\n  return " + F.factoryValue(Args) +
         ";\n}\n";
}

std::string emitOutOfClassFactory(const AsyncFunction &F, ASTContext &Ctx) {
  std::string Params, Args;
  if (F.Method)
    Args = "this";
  for (const ParmVarDecl *P : F.Decl->parameters()) {
    std::string Name = P->getName().str();
    Params += (Params.empty() ? "" : ", ") + declarator(typeName(P->getType(), Ctx), Name);
    if (Name.empty())
      continue;
    Args += (Args.empty() ? "" : ", ") +
            (P->getType()->isReferenceType() ? Name : "std::move(" + Name + ")");
  }
  const auto *Record = cast<CXXRecordDecl>(F.Decl->getDeclContext());
  std::string Quals;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F.Decl)) {
    if (M->isConst())
      Quals += " const";
    if (M->isVolatile())
      Quals += " volatile";
    if (M->getRefQualifier() != RQ_None)
      Quals += M->getRefQualifier() == RQ_LValue ? " &" : " &&";
  }
  if (const auto *FPT = F.Decl->getType()->getAs<FunctionProtoType>(); FPT && FPT->isNothrow())
    Quals += " noexcept";
  // A member class is named in the class's scope, which a trailing return
  // type is in (`typename Q<T>::Q_pop_future` before the name).
  std::string Head =
      F.MemberOf.empty()
          ? fmt::format("inline {} {}::{}({}){}", F.factoryType(),
                        typeName(Ctx.getRecordType(Record), Ctx), F.Name, Params, Quals)
          : fmt::format("{}{}inline auto {}{}({}){} -> {}", F.MemberOfHead, F.TemplateHead,
                        F.MemberOf, F.Name, Params, Quals, F.factoryType());
  return shortFunction("", Head, {"return " + F.factoryValue(Args) + ";"});
}

std::string emitFutureClass(const AsyncFunction &F, const std::string &PollBody, ASTContext &Ctx,
                            std::string *PollOutOfLine) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string C = F.ClassName;
  std::string Out;
  unsigned Line = SM.getExpansionLineNumber(F.Decl->getBeginLoc());
  Out += F.HoistedLambdaClasses; // async lambdas written in the body (HoistedLambdas.h)
  std::string Factories; // the lambdas it keeps or its futures hold (LambdaFactory.h)
  for (const LambdaFactory *Made : F.lambdaFactories())
    Factories += Made->Text;
  // A function defined outside its namespace (`Async<int> app::f() {...}`):
  // its lambdas name what the namespace declares, as its class does.
  if (!Factories.empty() && !F.ClassQualifier.empty())
    Factories = "namespace " + F.ClassQualifier.substr(0, F.ClassQualifier.size() - 2) + " {\n" +
                Factories + "} // namespace\n\n";
  Out += Factories;
  Out += fmt::format("// The future returned by `{}` ({}:{}), lowered by stackless into a\n"
                     "// state machine: one state per await, and in each state only what\n"
                     "// must survive it.\n",
                     F.Name, llvm::sys::path::filename(SM.getFilename(F.Decl->getLocation())).str(),
                     Line);
  if (const HoistedLambda *H = F.Lambda ? hoistedLambdaOf(F.Lambda, F.File) : nullptr) {
    const auto *Within = dyn_cast<CXXMethodDecl>(H->Enclosing);
    std::string Where = Within && Within->getParent()->isLambda()
                            ? fmt::format("the async lambda of line {}",
                                          SM.getExpansionLineNumber(Within->getParent()->getLocation()))
                            : "`" + H->Enclosing->getNameAsString() + "`";
    Out += fmt::format("// Written in {}, it is defined before that class, which keeps\n"
                       "// this future in its state; the lambda only makes it.\n",
                       Where);
  }
  if (declaredBeforeItsClass(F))
    Out +=
        emitForwardDeclaration(F) + signatureWithReturnType(F.Decl, F.factoryType(), Ctx) + ";\n\n";
  Out += F.MemberOfHead + F.TemplateHead;
  // [[maybe_unused]]: a future made and never polled (`auto f = fetch();`,
  // lazy) warns no more than the Async<T> it stands for.
  Out += fmt::format("class [[maybe_unused]] {}{}{} {{\npublic:\n", F.MemberOf, F.ClassQualifier, C);
  if (!F.HoistedTypes.empty()) {
    Out += "  // Types the body declares, moved here: the state keeps objects of them.\n";
    for (const clang::TagDecl *Tag : F.HoistedTypes)
      Out += "  " + sourceText(Tag->getSourceRange(), Ctx) + ";\n";
    Out += "\n";
  }
  switch (F.Kind) {
  case FunctionKind::Async:
    Out += fmt::format("  using Output = {};\n\n", F.OutputType);
    break;
  case FunctionKind::Generator:
    Out += fmt::format("  using Yield = {};\n  using Return = {};\n\n", F.YieldType, F.OutputType);
    break;
  case FunctionKind::Stream:
    Out += fmt::format("  using Item = {};\n\n", F.YieldType);
    break;
  }

  // ---- constructor: lazy, it only stores the arguments --------------------
  std::vector<std::string> CtorParams;
  const std::string &Self = F.SelfType;
  bool HasSelf = !Self.empty();
  if (HasSelf)
    CtorParams.push_back(declarator(Self, F.SelfMember));
  for (const Variable &V : F.Vars)
    if (V.IsParam)
      CtorParams.push_back(V.IsReference ? declarator(declarator(V.ValueType, "&"), V.Name)
                                         : declarator(V.ValueType, V.Name));
  std::string Params;
  for (const std::string &P : CtorParams)
    Params += (Params.empty() ? "" : ", ") + P;
  Out += fmt::format("  // Calling `{}` runs none of its body: it only stores "
                     "the arguments (Unresumed).\n",
                     F.Name);
  std::string CtorHead =
      fmt::format("{}{}({})", CtorParams.size() == 1 ? "explicit " : "", C, Params);
  if (HasSelf)
    CtorHead += fmt::format(" : {0}({0})", F.SelfMember);
  std::vector<std::string> Stores;
  for (const Variable &V : F.Vars) {
    if (!V.IsParam)
      continue;
    if (V.IsReference)
      Stores.push_back(
          fmt::format("::new ({}.storage()) auto(std::addressof({}));", slotPath(F, V), V.Name));
    else
      Stores.push_back(fmt::format("::new ({}.storage()) {}(std::move({}));", slotPath(F, V),
                                   newExpressionType(V.SlotType), V.Name));
  }
  Out += shortFunction("  ", CtorHead, Stores) + "\n";

  // ---- move: allowed before the first poll only (Pin) --------------------
  Out += fmt::format("  // A future may be moved until it is first polled; after that it may\n"
                     "  // hold pointers into itself (Pin).\n"
                     "  {0}({0} &&other){1} {{\n"
                     "    if (other.{2} != State::Unresumed)\n"
                     "      stackless::detail::moved_after_poll(\"{3}\");\n",
                     C, HasSelf ? fmt::format(" : {0}(other.{0})", F.SelfMember) : "",
                     F.StateMember, F.Name);
  for (const Variable &V : F.Vars)
    if (V.IsParam)
      Out += fmt::format("    ::new ({0}.storage()) {1}(std::move(other.{0}.ref()));\n",
                         slotPath(F, V), newExpressionType(V.SlotType));
  Out += "  }\n";
  Out += fmt::format("  {0}(const {0} &) = delete;\n"
                     "  {0} &operator=(const {0} &) = delete;\n"
                     "  {0} &operator=({0} &&) = delete;\n\n",
                     C);

  // ---- destructor: cancellation -----------------------------------------
  if (!needsDestructor(F)) {
    Out += "  // No state holds anything with a destructor: dropping the future\n"
           "  // needs no code (and a future awaiting this one need not track it).\n\n";
  } else {
    // The parameters outlive the body (they die with the future, as C++
    // destroys them at the end of the caller's full-expression), also when an
    // exception escaped it: every state holds them, last. They are destroyed
    // after the switch, not in each of its cases, so that a state machine
    // whose states differ only in trivially destructible objects has no
    // switch here (a switch would keep the state alive past the consumer's
    // loop, and g++ then no longer threads the resume dispatch: G1 in
    // docs/performance.md).
    std::vector<std::string> Params = aliveAt(F, 0);
    std::vector<std::vector<std::string>> Own; // per suspension point, without the parameters
    bool Factored = true;
    for (unsigned M = 1; M <= F.Points.size(); ++M) {
      Own.push_back(aliveAt(F, M));
      const std::vector<std::string> &Alive = Own.back();
      Factored &= Alive.size() >= Params.size() &&
                  std::equal(Params.begin(), Params.end(), Alive.end() - Params.size());
    }
    // What Unresumed, Returned and Poisoned destroy in the switch: nothing
    // when the parameters come after it (not expected otherwise).
    std::vector<std::string> Rest;
    if (Factored) {
      for (std::vector<std::string> &Alive : Own)
        Alive.resize(Alive.size() - Params.size());
    } else {
      Rest = std::move(Params);
      Params.clear();
    }
    bool AnyOwn = !Rest.empty();
    for (const std::vector<std::string> &Alive : Own)
      AnyOwn |= !Alive.empty();
    std::vector<std::string> ParamDestroys;
    for (const std::string &A : Params)
      ParamDestroys.push_back(A + ".destroy();");
    if (!AnyOwn) {
      Out += "  // Dropping the future destroys its parameters: no state holds anything\n"
             "  // else with a destructor.\n";
      Out += shortFunction("  ", fmt::format("~{}()", C), ParamDestroys) + "\n";
    } else {
      Out += Params.empty() ? "  // Dropping the future destroys exactly what its state holds.\n"
                            : "  // Dropping the future destroys exactly what its state holds, "
                              "then the\n  // parameters.\n";
      Out += fmt::format("  ~{}() {{\n    switch ({}) {{\n", C, F.StateMember);
      // The states that hold nothing of their own share the last case.
      std::string Others = fmt::format("    case State::{}:\n", stateName(F, 0));
      for (unsigned M = 1; M <= F.Points.size(); ++M) {
        std::string Label = fmt::format("    case State::{}:\n", stateName(F, M));
        if (Own[M - 1].empty()) {
          Others += Label;
          continue;
        }
        Out += Label;
        for (const std::string &A : Own[M - 1])
          Out += madeFlag(F, A).empty()
                     ? fmt::format("      {}.destroy();\n", A)
                     : fmt::format("      if ({}.ref())\n        {}.destroy();\n", madeFlag(F, A), A);
        Out += "      break;\n";
      }
      Out += Others + "    case State::Returned:\n    case State::Poisoned:\n";
      for (const std::string &A : Rest)
        Out += fmt::format("      {}.destroy();\n", A);
      Out += "      break;\n    }\n";
      for (const std::string &D : ParamDestroys)
        Out += "    " + D + "\n";
      Out += "  }\n\n";
    }
  }

  // ---- poll ---------------------------------------------------------------
  bool UsesContext = false;
  for (const SuspendPoint &P : F.Points)
    UsesContext |= !P.IsYield;
  if (F.isGenerator()) {
    if (F.ReturnsVoid)
      Out += fmt::format("  // A Generator<Y, void> is an input range: for (auto y : gen) ...\n"
                         "  stackless::GeneratorIterator<{0}> begin() {{ return "
                         "stackless::GeneratorIterator<{0}>(*this); }}\n"
                         "  auto end() {{ return stackless::GeneratorIterator<{0}>::end(); }}\n\n",
                         C + F.TemplateArgs);
  }
  const size_t PollBegin = Out.size();
  if (F.isGenerator()) {
    Out += fmt::format("  {} resume() {{\n", F.stepType());
  } else {
    Out += fmt::format("  {} {}(stackless::Context &{}) {{\n", F.stepType(), F.stepName(),
                       UsesContext ? F.ContextParam : "");
  }
  std::map<const clang::VarDecl *, unsigned> Refs;
  {
    // Only name slots the body reads: an unused reference would warn.
    std::function<void(const Stmt *)> Count = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *VD = referencedVar(Ref))
          ++Refs[VD];
      for (const Stmt *Child : S->children())
        Count(Child);
    };
    Count(F.Decl->getBody());
    // The loop over a range of dependent type reads the iterators Analysis
    // declared, and its hidden range, in code it writes itself.
    for (const auto &[Range, Iterators] : F.MadeIterators) {
      ++Refs[Iterators.first];
      ++Refs[Iterators.second];
      ++Refs[cast<VarDecl>(cast<DeclStmt>(Range->getRangeStmt())->getSingleDecl())];
    }
  }
  std::string Bindings;
  for (const Variable &V : F.Vars) {
    if (V.DeclaredInPlace)
      continue; // declared where it is (Lowering: placementNew)
    if (V.Where == Storage::PollStack)
      // Zeroed: g++ cannot see the placement new and may warn otherwise.
      Bindings += fmt::format("    {}stackless::Slot<{}> {}{{}};\n", alignasOf(V), V.SlotType,
                              V.MemberName);
    if (V.isSlot() && Refs[V.Decl])
      Bindings += fmt::format("    auto &{} = {}.ref();\n", V.Name, slotPath(F, V));
  }
  LineWriter Temps;
  for (const Temporary &T : F.Temps)
    if (T.AliveAt.empty() && !T.DeclaredAtResume)
      Temps.commented(4, fmt::format("stackless::Slot<{}> {}{{}};", T.Type, T.Name),
                      "// " + T.What);
  Bindings += Temps.finish();
  if (!Bindings.empty())
    Out += "    // Names for the objects kept in slots.\n" + Bindings;
  // Which objects with destructors are alive right now (for exceptions).
  auto LiveName = [&](const std::string &Path) -> std::string {
    for (const AsyncFunction::Tracked &T : F.TrackedObjects)
      if (T.Path == Path)
        return T.LiveName;
    return "";
  };
  if (!F.TrackedObjects.empty()) {
    Out += "    // Which objects with destructors are alive: if an exception "
           "escapes, exactly\n    // these are destroyed.\n    struct Live {\n";
    for (const AsyncFunction::Tracked &T : F.TrackedObjects)
      Out += fmt::format("      bool {} = false;\n", T.LiveName);
    Out += fmt::format("    }} {};\n", F.LiveMember);
  }
  if (F.ResumesIntoTry)
    Out += fmt::format("    bool {} = false; // jumping back into a try block\n", F.ResumingFlag);
  // Without objects to destroy when an exception escapes (and without a try
  // block to resume into, whose dispatch reads the state), no handler is
  // needed: the state reads Poisoned from the dispatch on, until the body
  // suspends or returns. (A catch-all handler keeps compilers from
  // inlining poll.)
  const bool Handler = !F.TrackedObjects.empty() || F.ResumesIntoTry;
  if (Handler)
    Out += "#if STACKLESS_HAS_EXCEPTIONS\n    try {\n#endif\n";
  // The body's statements: inside the try block if there is one.
  const std::string In(Handler ? 6 : 4, ' ');
  Out += In + "// Resume where the last poll left off.\n";
  std::string Dispatched = F.StateMember;
  if (!Handler) {
    Dispatched = F.ResumeAt;
    LineWriter Poison;
    Poison.line(4, fmt::format("const State {} = {};", F.ResumeAt, F.StateMember));
    Poison.commented(4, F.StateMember + " = State::Poisoned;",
                     "// until it suspends or returns: an exception leaves it so");
    Out += Poison.finish();
  }
  Out += fmt::format("{}switch ({}) {{\n", In, Dispatched);
  for (unsigned M = 0; M <= F.Points.size(); ++M) {
    Out += fmt::format("{}case State::{}:\n", In, stateName(F, M));
    for (const std::string &Path : aliveAt(F, M))
      if (std::string Name = LiveName(Path); !Name.empty())
        Out += fmt::format("{}  {}.{} = {};\n", In, F.LiveMember, Name,
                           madeFlag(F, Path).empty() ? "true" : madeFlag(F, Path) + ".ref()");
    if (M == 0) {
      Out += In + "  break;\n";
      continue;
    }
    const SuspendPoint &P = F.Points[M - 1];
    if (P.Tries.empty()) {
      Out += fmt::format("{}  goto {};\n", In, P.StateName);
    } else {
      Out += fmt::format("{0}  {1} = true;\n{0}  goto {2};\n", In, F.ResumingFlag,
                         F.TryEntry.at(P.Tries.front()));
    }
  }
  // One cold call for both: the smaller poll is, the likelier it is inlined.
  Out += fmt::format("{0}case State::Returned:\n"
                     "{0}case State::Poisoned:\n"
                     "{0}  stackless::detail::polled_when_done(\"{1}\");\n"
                     "{0}}}\n",
                     In, F.Name);
  Out += "\n" + layOutBlock(PollBody, Ctx.getLangOpts(), In.size());
  if (!Handler) {
    Out += "  }\n\n";
  } else {
    // Destroyed by the rethrow's unwinding, as ordinary locals are: their
    // destructors see the exception in flight (std::uncaught_exceptions()).
    Out += "#if STACKLESS_HAS_EXCEPTIONS\n    } catch (...) {\n"
           "      // An exception escapes the body: what is alive is destroyed, newest\n"
           "      // first, as it leaves poll (rethrown: in flight, as for ordinary\n"
           "      // locals); the future is poisoned.\n"
           "      stackless::detail::ScopeExit unwind{[&]() noexcept {\n";
    for (auto It = F.TrackedObjects.rbegin(); It != F.TrackedObjects.rend(); ++It)
      Out += fmt::format("        if ({}.{})\n          {}.destroy();\n", F.LiveMember, It->LiveName,
                         It->Path);
    Out += fmt::format("        {} = State::Poisoned;\n      }}}};\n      throw;\n    }}\n#endif\n",
                       F.StateMember);
    Out += "  }\n\n";
  }
  if (PollOutOfLine) {
    // Declared here, defined where the function was (see the header).
    std::string Poll = Out.substr(PollBegin);
    Out.resize(PollBegin);
    const std::string Params =
        F.isGenerator() ? "" : "stackless::Context &" + std::string(UsesContext ? F.ContextParam : "");
    Out += fmt::format("  // Defined below, where `{}` was.\n  {} {}({});\n\n", F.Name, F.stepType(),
                       F.stepName(), Params);
    const size_t Head = Poll.find('\n');
    std::string Definition = layOutBlock(
        fmt::format("{}{}inline auto {}{}{}{}::{}({}) -> {} {{{}", F.MemberOfHead, F.TemplateHead,
                    F.MemberOf, F.ClassQualifier, C, F.TemplateArgs, F.stepName(), Params,
                    F.stepType(), Poll.substr(Head)),
        Ctx.getLangOpts(), 0);
    while (Definition.size() > 1 && Definition[Definition.size() - 2] == '\n')
      Definition.pop_back();
    *PollOutOfLine = fmt::format("// The body of `{}`: the {}() of {}, whose class is defined above,\n"
                                 "// before the first code that needs it complete.\n{}",
                                 F.Name, F.stepName(), C, Definition);
  }

  // ---- the frame ------------------------------------------------------------
  Out += "private:\n";
  Out += "  enum class State : unsigned char {\n";
  LineWriter States;
  States.commented(4, "Unresumed,", "// holds " + holds(F, 0));
  for (const SuspendPoint &P : F.Points)
    States.commented(4, P.StateName + ",",
                     fmt::format("// line {}: {}; holds {}", P.Line, P.SourceText,
                                 holds(F, P.Index)));
  States.line(4, "Returned,");
  States.line(4, "Poisoned,");
  Out += States.finish() + "  };\n\n";

  // One struct per state that has storage of its own.
  std::vector<unsigned> Members;
  std::string Structs;
  for (unsigned M = 0; M <= F.Points.size(); ++M) {
    std::string Fields;
    for (const Variable &V : F.Vars)
      if (V.Where == Storage::PerState && V.Member == M)
        Fields += fmt::format("    {}stackless::Slot<{}> {};\n", alignasOf(V), V.SlotType, V.Name);
    if (M > 0 && F.Points[M - 1].OperandIsTemporary && F.Points[M - 1].FutureInState)
      Fields += fmt::format("    stackless::Slot<{}> {};\n", F.Points[M - 1].FutureType,
                            F.Points[M - 1].FutureMember);
    if (Fields.empty())
      continue;
    Members.push_back(M);
    Structs += fmt::format("  struct {} {{\n{}  }};\n", stateName(F, M), Fields);
  }
  if (!Members.empty()) {
    Out += "  // What each state keeps on its own. States are never alive "
           "together,\n  // so they share storage: the talk's enum of "
           "structs.\n";
    Out += Structs;
    Out += "  union States {\n";
    for (unsigned M : Members)
      Out += fmt::format("    {} {};\n", stateName(F, M), stateMemberName(M));
    Out += "  };\n\n";
  }

  // Shared slots of scopes never entered together (ScopeSharing.h): a
  // struct per scope, a union of those of sibling scopes, innermost first.
  auto KeptIn = [&](const Variable &V) {
    std::string States;
    if (V.IsParam)
      States = "Unresumed";
    for (unsigned K : V.SavedAt)
      States += (States.empty() ? "" : ", ") + stateName(F, K);
    return fmt::format("// {}: kept in {}", V.Name, States.empty() ? "no state" : States);
  };
  std::string ScopeTypes;
  std::function<void(const ScopeUnion &)> DefineUnion = [&](const ScopeUnion &U) {
    for (const ScopeStruct &Alt : U.Alternatives) {
      for (const ScopeUnion &Inner : Alt.Unions)
        DefineUnion(Inner);
      LineWriter Fields;
      for (unsigned I : Alt.Vars) {
        const Variable &V = F.Vars[I];
        Fields.commented(4, fmt::format("{}stackless::Slot<{}> {};", alignasOf(V), V.SlotType, V.Name),
                         KeptIn(V));
      }
      for (const ScopeUnion &Inner : Alt.Unions)
        Fields.line(4, fmt::format("{} {};", Inner.TypeName, Inner.MemberName));
      ScopeTypes += fmt::format("  struct {} {{\n{}  }};\n", Alt.TypeName, Fields.finish());
    }
    ScopeTypes += fmt::format("  union {} {{\n", U.TypeName);
    for (const ScopeStruct &Alt : U.Alternatives)
      ScopeTypes += fmt::format("    {} {};\n", Alt.TypeName, Alt.MemberName);
    ScopeTypes += "  };\n";
  };
  for (const ScopeUnion &U : F.ScopeUnions)
    DefineUnion(U);
  if (!ScopeTypes.empty())
    Out += "  // Kept across several states, in scopes never entered together: each\n"
           "  // scope's objects in a struct of their own, and the structs of sibling\n"
           "  // scopes in a union (the largest, not the sum; one address each).\n" +
           ScopeTypes + "\n";

  // Shared slots, largest alignment first, then the union, then the tag.
  std::vector<const Variable *> Shared;
  for (const Variable &V : F.Vars)
    if (V.Where == Storage::Shared && !V.InScopeUnion)
      Shared.push_back(&V);
  std::stable_sort(Shared.begin(), Shared.end(), [](const Variable *A, const Variable *B) {
    unsigned AA = A->Align ? A->Align : 16;
    unsigned BA = B->Align ? B->Align : 16;
    return AA > BA;
  });
  LineWriter Fields;
  auto SharedField = [&](const Variable *V) {
    Fields.commented(2, fmt::format("{}stackless::Slot<{}> {};", alignasOf(*V), V->SlotType,
                                    V->MemberName),
                     KeptIn(*V));
  };
  for (const ScopeUnion &U : F.ScopeUnions)
    Fields.line(2, fmt::format("{} {};", U.TypeName, U.MemberName));
  size_t I = 0;
  for (; I < Shared.size() && (Shared[I]->Align == 0 || Shared[I]->Align >= 8); ++I)
    SharedField(Shared[I]);
  if (HasSelf)
    Fields.line(2, declarator(Self, F.SelfMember) + ";");
  if (!Members.empty())
    Fields.line(2, fmt::format("States {};", F.StatesMember));
  for (const Temporary &T : F.Temps) {
    if (T.AliveAt.empty())
      continue;
    std::string States;
    for (unsigned K : T.AliveAt)
      States += (States.empty() ? "" : ", ") + stateName(F, K);
    Fields.commented(2, fmt::format("stackless::Slot<{}> {};", T.Type, T.Name),
                     fmt::format("// {}: kept in {}", T.What, States));
  }
  for (; I < Shared.size(); ++I)
    SharedField(Shared[I]);
  if (!Shared.empty() || !F.Temps.empty() || !F.ScopeUnions.empty())
    Out += "  // Kept across several states: each has one fixed address.\n";
  Out += Fields.finish();
  Out += fmt::format("  State {} = State::Unresumed;\n", F.StateMember);
  Out += "};\n";
  return Out;
}

} // namespace stackless
