//===- Lowering.cpp - rewrite an async body into the body of poll() ------===//
#include "Lowering.h"
#include "Analysis.h"
#include "Discovery.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <set>

using namespace clang;

namespace stackless {

std::string slotPath(const AsyncFunction &F, const Variable &V) {
  switch (V.Where) {
  case Storage::Shared:
    return V.MemberName;
  case Storage::PerState:
    return fmt::format("{}.{}.{}", F.StatesMember,
                       V.Member == 0 ? std::string("unresumed")
                                     : "suspend" + std::to_string(V.Member - 1),
                       V.Name);
  case Storage::PollStack:
    return V.MemberName;
  case Storage::Natural:
    break;
  }
  return V.Name;
}

std::string futurePath(const AsyncFunction &F, const SuspendPoint &P) {
  return fmt::format("{}.suspend{}.{}", F.StatesMember, P.Index - 1,
                     P.FutureMember);
}

namespace {

class Lowerer {
public:
  Lowerer(const AsyncFunction &F, ASTContext &Ctx, Rewriter &RW,
          Diagnostics &Diag)
      : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()), RW(RW), Diag(Diag) {
    for (const SuspendPoint &P : F.Points)
      PointOf[P.FullStmt].push_back(&P);
  }

  std::string run() {
    const auto *Body = cast<CompoundStmt>(F.Decl->getBody());
    for (const Stmt *Child : Body->body())
      lower(Child, Body);
    std::string Text;
    if (!Body->body_empty())
      Text = RW.getRewrittenText(
          CharSourceRange::getCharRange(Body->getLBracLoc().getLocWithOffset(1),
                                        Body->getRBracLoc()));
    // Falling off the end.
    std::string End = "\n// End of the body.\n";
    if (auto It = F.EndDestroys.find(Body); It != F.EndDestroys.end())
      End += destroys(It->second);
    End += paramDestroys();
    if (F.ReturnsVoid)
      End += fmt::format("{} = State::Returned;\nreturn stackless::Poll<void>::ready();\n",
                         F.StateMember);
    else
      End += fmt::format("stackless::detail::fell_off_end(\"{}\");\n", F.Name);
    return Failed ? std::string() : Text + End;
  }

private:
  const AsyncFunction &F;
  ASTContext &Ctx;
  const SourceManager &SM;
  Rewriter &RW;
  Diagnostics &Diag;
  bool Failed = false;
  std::map<const Stmt *, std::vector<const SuspendPoint *>> PointOf;
  /// Do-while loops whose condition suspends: `continue` jumps to this label.
  std::map<const Stmt *, std::string> ContinueLabel;
  std::vector<const Stmt *> Loops; // enclosing loops, innermost last
  std::set<const Stmt *> Visited;
  /// The awaited expression, captured before the await call is replaced.
  std::map<const SuspendPoint *, std::string> OperandText;

  // ---- text helpers ----------------------------------------------------
  //
  // Every range handed to the Rewriter is a character range ending after
  // its last token: for a token range, Rewriter measures the last token in
  // the *original* text, which is wrong once that token has been replaced.

  CharSourceRange chars(SourceLocation First, SourceLocation LastToken) const {
    return CharSourceRange::getCharRange(
        First, Lexer::getLocForEndOfToken(LastToken, 0, SM, Ctx.getLangOpts()));
  }
  CharSourceRange chars(SourceRange R) const {
    return chars(R.getBegin(), R.getEnd());
  }

  /// The statement's range including its trailing semicolon, if it has one.
  CharSourceRange fullRange(const Stmt *S) const {
    return chars(S->getBeginLoc(), lastToken(S));
  }
  /// The last token of a statement, `;` included: `if (c) f();` ends at `;`.
  SourceLocation lastToken(const Stmt *S) const {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return lastToken(If->getElse() ? If->getElse() : If->getThen());
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return lastToken(W->getBody());
    if (const auto *For = dyn_cast<ForStmt>(S))
      return lastToken(For->getBody());
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      return lastToken(Range->getBody());
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return lastToken(Sw->getBody());
    if (const auto *Case = dyn_cast<SwitchCase>(S))
      return lastToken(Case->getSubStmt());
    if (const auto *Label = dyn_cast<LabelStmt>(S))
      return lastToken(Label->getSubStmt());
    SourceLocation End = S->getEndLoc();
    if (!isa<CompoundStmt>(S) && !isa<IfStmt>(S) && !isa<WhileStmt>(S) &&
        !isa<ForStmt>(S) && !isa<CXXForRangeStmt>(S) && !isa<SwitchStmt>(S) &&
        !isa<CXXTryStmt>(S) && !isa<SwitchCase>(S)) {
      Token Tok;
      bool AtSemi = !Lexer::getRawToken(End, Tok, SM, Ctx.getLangOpts()) &&
                    Tok.is(tok::semi);
      if (!AtSemi) {
        std::optional<Token> Next =
            Lexer::findNextToken(End, SM, Ctx.getLangOpts());
        if (Next && Next->is(tok::semi))
          End = Next->getLocation();
      }
    }
    return End;
  }
  std::string text(const Stmt *S) const {
    return RW.getRewrittenText(fullRange(S));
  }
  std::string exprText(const Stmt *E) const {
    return RW.getRewrittenText(chars(E->getSourceRange()));
  }
  void replace(const Stmt *S, const std::string &New) {
    RW.ReplaceText(fullRange(S), New);
  }
  void fail(SourceLocation Loc, const std::string &Msg) {
    Diag.error(Loc, Msg);
    Failed = true;
  }

  std::string destroys(const std::vector<const Variable *> &Vars) const {
    std::string Out;
    for (const Variable *V : Vars)
      Out += fmt::format("{}.destroy();  // `{}` goes out of scope\n",
                         slotPath(F, *V), V->Decl->getName().str());
    return Out;
  }
  std::string paramDestroys() const {
    std::string Out;
    for (auto It = F.Vars.rbegin(); It != F.Vars.rend(); ++It)
      if (It->IsParam && It->needsDestroy())
        Out += fmt::format("{}.destroy();  // parameter `{}`\n",
                           slotPath(F, *It), It->Decl->getName().str());
    return Out;
  }
  std::string returned() const {
    return fmt::format("{} = State::Returned;\n", F.StateMember);
  }

  // ---- the await sequence ------------------------------------------------

  std::string resultName(const SuspendPoint &P) const {
    return "result" + std::to_string(P.Index - 1);
  }

  /// Everything up to and including the resume label and the poll.
  std::string awaitSequence(const SuspendPoint &P) {
    std::string Out = fmt::format("// line {}: {}\n", P.Line, P.SourceText);
    bool KeepResult = P.ResultUsed && P.ResultType != "void";
    if (KeepResult)
      Out += fmt::format("stackless::Slot<{}> {};\n", P.ResultType,
                         resultName(P));
    std::string Future;
    if (P.OperandIsTemporary) {
      Future = futurePath(F, P) + ".ref()";
      Out += fmt::format("::new ({}.storage()) {}({});\n", futurePath(F, P),
                         P.FutureType, OperandText[&P]);
    } else {
      Future = OperandText[&P];
    }
    Out += fmt::format("{} = State::{};\n", F.StateMember, P.StateName);
    Out += fmt::format("{}:\n", P.StateName);
    if (KeepResult)
      Out += fmt::format("if (!stackless::detail::poll_into({}, {}, {}))\n",
                         Future, F.ContextParam, resultName(P));
    else
      Out += fmt::format("if (!stackless::detail::poll_ready({}, {}))\n",
                         Future, F.ContextParam);
    Out += fmt::format("  return stackless::Poll<{}>::pending();\n",
                       F.OutputType);
    return Out;
  }
  /// The awaited temporary dies at the end of its full-expression.
  std::string awaitCleanup(const SuspendPoint &P) const {
    if (!P.OperandIsTemporary)
      return "";
    return futurePath(F, P) + ".destroy();\n";
  }

  // ---- declarations of slots ---------------------------------------------

  std::string placementNew(const Variable &V) {
    const VarDecl *VD = V.Decl;
    std::string Storage = slotPath(F, V) + ".storage()";
    const Expr *Init = VD->getInit();
    if (V.IsReference)
      return fmt::format("::new ({}) auto(std::addressof({}));\n", Storage,
                         exprText(Init));
    if (!Init)
      return fmt::format("::new ({}) {};\n", Storage, V.SlotType);
    if (VD->getInitStyle() == VarDecl::CInit) {
      std::string E = exprText(Init);
      if (!E.empty() && E.front() == '{')
        return fmt::format("::new ({}) {}{};\n", Storage, V.SlotType, E);
      return fmt::format("::new ({}) {}({});\n", Storage, V.SlotType, E);
    }
    // T x(args) or T x{args}: everything after the name.
    SourceLocation AfterName = Lexer::getLocForEndOfToken(
        VD->getLocation(), 0, SM, Ctx.getLangOpts());
    std::string Args = RW.getRewrittenText(
        chars(AfterName, VD->getEndLoc()));
    if (Args.empty()) // a default constructor call written `T x;`
      return fmt::format("::new ({}) {};\n", Storage, V.SlotType);
    return fmt::format("::new ({}) {}{};\n", Storage, V.SlotType, Args);
  }

  /// A declaration statement with slots: placement new for each.
  std::string declText(const DeclStmt *DS) {
    std::string Out;
    bool AnySlot = false, AnyNatural = false;
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        const Variable *V = F.var(VD);
        (V && V->isSlot() ? AnySlot : AnyNatural) = true;
      }
    if (!AnySlot)
      return text(DS);
    if (AnyNatural) {
      fail(DS->getBeginLoc(), "a declaration mixing variables kept across "
                              "await with others is not supported yet; "
                              "declare one variable per statement");
      return text(DS);
    }
    for (const Decl *D : DS->decls())
      Out += fmt::format("// {}\n", sourceText(D->getSourceRange(), Ctx)) +
             placementNew(*F.var(cast<VarDecl>(D)));
    return Out;
  }

  // ---- the walk ---------------------------------------------------------

  bool needsBraces(const Stmt *Parent) const {
    return !isa<CompoundStmt>(Parent);
  }

  void lower(const Stmt *S, const Stmt *Parent) {
    // Clang shares some nodes between parents (e.g. an implicit member
    // access under several casts); each is rewritten once.
    if (!S || !Visited.insert(S).second)
      return;
    if (S->getBeginLoc().isMacroID() && F.Suspending.count(S)) {
      fail(S->getBeginLoc(), "await inside a macro expansion is not supported");
      return;
    }
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      if (F.Suspending.count(S)) {
        lowerRangeFor(Range, Parent);
        return;
      }
    }
    bool IsLoop = isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<ForStmt>(S) ||
                  isa<CXXForRangeStmt>(S);
    if (IsLoop)
      Loops.push_back(S);
    if (const auto *Do = dyn_cast<DoStmt>(S))
      if (PointOf.count(Do))
        ContinueLabel[Do] = "continue_" + PointOf[Do].front()->StateName;
    for (const Stmt *Child : S->children())
      lower(Child, S);
    if (IsLoop)
      Loops.pop_back();
    lowerNode(S, Parent);
  }

  void lowerNode(const Stmt *S, const Stmt *Parent) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      const Variable *V = VD ? F.var(VD) : nullptr;
      if (!V || !V->isSlot() || Ref->getLocation().isMacroID())
        return;
      std::string Name = V->IsReference ? "(*" + V->Name + ")" : V->Name;
      if (Name != VD->getName())
        RW.ReplaceText(chars(Ref->getLocation(), Ref->getLocation()), Name);
      return;
    }
    if (const auto *This = dyn_cast<CXXThisExpr>(S)) {
      if (!This->isImplicit() && !F.SelfType.empty())
        RW.ReplaceText(chars(This->getLocation(), This->getLocation()),
                       F.SelfMember);
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      if (!F.SelfType.empty() && Member->isImplicitAccess() &&
          isa<CXXThisExpr>(Member->getBase()->IgnoreImpCasts())) {
        SourceLocation First = Member->getBeginLoc();
        std::string Tok = RW.getRewrittenText(chars(First, First));
        RW.ReplaceText(chars(First, First),
                       F.SelfMember + "->" + Tok);
      }
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (!isAwaitCall(Call))
        return;
      for (const SuspendPoint &P : F.Points)
        if (P.Call == Call) {
          OperandText[&P] = exprText(P.Operand);
          std::string Value = P.ResultType == "void" ? "void()"
                              : P.ResultUsed        ? resultName(P) + ".take()"
                                                    : "";
          if (!Value.empty())
            RW.ReplaceText(chars(Call->getSourceRange()),
                           Value);
        }
      return;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      auto It = F.EndDestroys.find(CS);
      // Inserted inside the braces, so that reading the block's range back
      // includes it.
      if (It != F.EndDestroys.end())
        RW.InsertTextBefore(CS->getRBracLoc(), "\n" + destroys(It->second));
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      std::string New = declText(DS);
      finishStatement(S, Parent, New);
      return;
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      lowerReturn(Ret, Parent);
      return;
    }
    if (isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
      std::string Jump = isa<BreakStmt>(S) ? "break;" : "continue;";
      if (isa<ContinueStmt>(S) && !Loops.empty())
        if (auto It = ContinueLabel.find(Loops.back()); It != ContinueLabel.end())
          Jump = "goto " + It->second + ";";
      auto It = F.ExitDestroys.find(S);
      std::string Destroy = It == F.ExitDestroys.end() ? "" : destroys(It->second);
      if (!Destroy.empty() || Jump.front() == 'g')
        replace(S, "{\n" + Destroy + Jump + "\n}");
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (PointOf.count(If))
        lowerCondition(If, If->getCond(), Parent);
      return;
    }
    if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      if (PointOf.count(Sw))
        lowerCondition(Sw, Sw->getCond(), Parent);
      return;
    }
    if (const auto *W = dyn_cast<WhileStmt>(S)) {
      if (PointOf.count(W))
        lowerWhile(W, Parent);
      return;
    }
    if (const auto *Do = dyn_cast<DoStmt>(S)) {
      if (PointOf.count(Do))
        lowerDo(Do, Parent);
      return;
    }
    if (const auto *For = dyn_cast<ForStmt>(S)) {
      lowerFor(For, Parent);
      return;
    }
    if (const auto *E = dyn_cast<Expr>(S)) {
      // An expression statement.
      if (isa<CompoundStmt>(Parent) || isa<SwitchCase>(Parent) ||
          isa<IfStmt>(Parent) || isa<WhileStmt>(Parent) ||
          isa<DoStmt>(Parent) || isa<ForStmt>(Parent) ||
          isa<CXXForRangeStmt>(Parent) || isa<LabelStmt>(Parent))
        if (PointOf.count(E) && !isCondition(E, Parent)) {
          const SuspendPoint &P = *PointOf[E].front();
          bool Discarded = !P.ResultUsed || P.ResultType == "void";
          bool Bare = E->IgnoreParenImpCasts() == P.Call ||
                      (isa<ExprWithCleanups>(E) &&
                       cast<ExprWithCleanups>(E)->getSubExpr()->IgnoreParenImpCasts() == P.Call);
          std::string Rest = (Bare && Discarded) ? "" : text(E);
          if (!Rest.empty() && Rest.back() != ';')
            Rest += ";";
          std::string New = awaitSequence(P) + (Rest.empty() ? "" : Rest + "\n") +
                            awaitCleanup(P);
          replace(E, needsBraces(Parent) ? "{\n" + New + "}" : New);
        }
      return;
    }
  }

  bool isCondition(const Expr *E, const Stmt *Parent) const {
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return If->getCond() == E;
    if (const auto *W = dyn_cast<WhileStmt>(Parent))
      return W->getCond() == E;
    if (const auto *Do = dyn_cast<DoStmt>(Parent))
      return Do->getCond() == E;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      return For->getCond() == E || For->getInc() == E;
    if (const auto *Sw = dyn_cast<SwitchStmt>(Parent))
      return Sw->getCond() == E;
    return false;
  }

  /// Adds the await sequence (if the statement suspends) around a
  /// rewritten statement.
  void finishStatement(const Stmt *S, const Stmt *Parent, std::string New) {
    auto It = PointOf.find(S);
    if (It == PointOf.end()) {
      if (New != text(S))
        replace(S, New);
      return;
    }
    const SuspendPoint &P = *It->second.front();
    New = awaitSequence(P) + New + "\n" + awaitCleanup(P);
    replace(S, needsBraces(Parent) ? "{\n" + New + "}" : New);
  }

  void lowerReturn(const ReturnStmt *Ret, const Stmt *Parent) {
    std::string Out;
    const SuspendPoint *P =
        PointOf.count(Ret) ? PointOf[Ret].front() : nullptr;
    if (P)
      Out += awaitSequence(*P);
    auto It = F.ExitDestroys.find(Ret);
    std::string Cleanup = (P ? awaitCleanup(*P) : "") +
                          (It == F.ExitDestroys.end() ? "" : destroys(It->second)) +
                          paramDestroys();
    const Expr *Value = Ret->getRetValue();
    if (F.ReturnsVoid) {
      if (Value)
        Out += exprText(Value) + ";\n";
      Out += Cleanup + returned() + "return stackless::Poll<void>::ready();\n";
    } else if (Value) {
      std::string V = exprText(Value);
      // `return local;` moves, as C++ does.
      const Expr *Bare = Value->IgnoreImplicit()->IgnoreParens();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Bare))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          if (VD->hasLocalStorage() && !VD->getType()->isReferenceType())
            V = "std::move(" + V + ")";
      std::string Ready =
          fmt::format("stackless::Poll<{}>::ready({})", F.OutputType, V);
      if (Cleanup.empty()) {
        Out += returned() + "return " + Ready + ";\n";
      } else {
        Out += fmt::format("stackless::Poll<{}> result = {};\n", F.OutputType,
                           Ready);
        Out += Cleanup + returned() + "return result;\n";
      }
    }
    replace(Ret, "{\n" + Out + "}");
    (void)Parent;
  }

  std::string condVar(const SuspendPoint &P) const {
    return "condition" + std::to_string(P.Index - 1);
  }

  /// if/switch whose condition awaits: evaluate it into a variable first.
  void lowerCondition(const Stmt *S, const Expr *Cond, const Stmt *Parent) {
    const SuspendPoint &P = *PointOf[S].front();
    if ((isa<IfStmt>(S) && cast<IfStmt>(S)->getInit()) ||
        (isa<SwitchStmt>(S) && cast<SwitchStmt>(S)->getInit())) {
      fail(S->getBeginLoc(),
           "an initializer together with await in the condition is not "
           "supported yet");
      return;
    }
    std::string Type =
        isa<IfStmt>(S) ? "bool" : typeName(Cond->getType(), Ctx);
    std::string CondText = exprText(Cond);
    std::string Out = awaitSequence(P);
    // Declared without initializer: resume jumps may cross it.
    Out += fmt::format("{} {};\n{} = {}({});\n", Type, condVar(P), condVar(P),
                       isa<IfStmt>(S) ? "static_cast<bool>" : "", CondText);
    Out += awaitCleanup(P);
    // The statement with its condition replaced.
    std::string Whole = text(S);
    std::string Head = isa<IfStmt>(S) ? "if" : "switch";
    SourceLocation RParen = isa<IfStmt>(S) ? cast<IfStmt>(S)->getRParenLoc()
                                           : cast<SwitchStmt>(S)->getRParenLoc();
    std::string Rest = RW.getRewrittenText(CharSourceRange::getCharRange(
        RParen.getLocWithOffset(1), fullRange(S).getEnd()));
    if (isa<IfStmt>(S) && cast<IfStmt>(S)->isConstexpr())
      Head = "if constexpr";
    Out += fmt::format("{} ({}){}", Head, condVar(P), Rest);
    (void)Whole;
    replace(S, "{\n" + Out + "\n}");
    (void)Parent;
  }

  /// The condition part of a loop that awaits in it: evaluate, clean up,
  /// and leave the loop when false.
  std::string loopTest(const SuspendPoint &P, const Expr *Cond) {
    std::string Out = "{\n" + awaitSequence(P);
    Out += fmt::format("bool {};\n{} = static_cast<bool>({});\n", condVar(P),
                       condVar(P), exprText(Cond));
    Out += awaitCleanup(P);
    Out += fmt::format("if (!{}) break;\n}}\n", condVar(P));
    return Out;
  }

  std::string bodyText(const Stmt *Body) { return text(Body); }

  void lowerWhile(const WhileStmt *W, const Stmt *Parent) {
    const SuspendPoint &P = *PointOf[W].front();
    std::string Out = "while (true) {\n" + loopTest(P, W->getCond()) +
                      bodyText(W->getBody()) + "\n}";
    replace(W, Out);
    (void)Parent;
  }

  void lowerDo(const DoStmt *Do, const Stmt *Parent) {
    const SuspendPoint &P = *PointOf[Do].front();
    std::string Out = "while (true) {\n{\n" + bodyText(Do->getBody()) + "\n}\n" +
                      ContinueLabel[Do] + ":\n" + loopTest(P, Do->getCond()) +
                      "}";
    replace(Do, Out);
    (void)Parent;
  }

  void lowerFor(const ForStmt *For, const Stmt *Parent) {
    bool CondSuspends = PointOf.count(For) != 0;
    bool InitHasSlot = false;
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (const Variable *V = F.var(VD); V && V->isSlot())
            InitHasSlot = true;
    if (!CondSuspends && !InitHasSlot)
      return;
    std::string Init = For->getInit() ? text(For->getInit()) : "";
    std::string Cond = For->getCond() ? exprText(For->getCond()) : "";
    std::string Inc = For->getInc() ? exprText(For->getInc()) : "";
    std::string Body = bodyText(For->getBody());
    std::string Out = "{\n" + Init + "\n";
    if (CondSuspends)
      Out += fmt::format("for (;; {}) {{\n{}{}\n}}\n", Inc,
                         loopTest(*PointOf[For].front(), For->getCond()), Body);
    else
      Out += fmt::format("for (; {}; {}) {}\n", Cond, Inc, Body);
    if (auto It = F.EndDestroys.find(For); It != F.EndDestroys.end())
      Out += destroys(It->second);
    replace(For, Out + "}");
    (void)Parent;
  }

  /// for (decl : range) body, desugared as C++ does, with the iterator kept
  /// in the state (the talk's iter0).
  void lowerRangeFor(const CXXForRangeStmt *Range, const Stmt *Parent) {
    Loops.push_back(Range);
    lower(Range->getRangeInit(), Range);
    const Stmt *Body = Range->getBody();
    if (const auto *CS = dyn_cast<CompoundStmt>(Body)) {
      for (const Stmt *Child : CS->body())
        lower(Child, CS);
    } else {
      lower(Body, Range);
    }
    Loops.pop_back();

    const VarDecl *RangeVar = Range->getRangeStmt()
                                  ? cast<VarDecl>(cast<DeclStmt>(Range->getRangeStmt())->getSingleDecl())
                                  : nullptr;
    const VarDecl *BeginVar = Range->getBeginStmt() ? cast<VarDecl>(Range->getBeginStmt()->getSingleDecl()) : nullptr;
    const VarDecl *EndVar = Range->getEndStmt() ? cast<VarDecl>(Range->getEndStmt()->getSingleDecl()) : nullptr;
    if (!RangeVar || !BeginVar || !EndVar) {
      fail(Range->getBeginLoc(), "this range-for form is not supported yet");
      return;
    }
    auto nameOf = [&](const VarDecl *VD) {
      const Variable *V = F.var(VD);
      if (!V || !V->isSlot())
        return std::string();
      return V->IsReference ? "(*" + V->Name + ")" : V->Name;
    };
    std::string RangeName = nameOf(RangeVar), BeginName = nameOf(BeginVar),
                EndName = nameOf(EndVar);
    if (RangeName.empty() || BeginName.empty() || EndName.empty()) {
      fail(Range->getBeginLoc(), "internal: range-for variables are not slots");
      return;
    }
    std::string Out = "{\n";
    Out += fmt::format("// for ({} : {})\n",
                       sourceText(Range->getLoopVariable()->getSourceRange(), Ctx),
                       sourceText(Range->getRangeInit()->getSourceRange(), Ctx));
    // The range: bound once, like C++'s `auto&& __range = init;`.
    const Variable &RV = *F.var(RangeVar);
    std::string RangeInit = exprText(Range->getRangeInit());
    if (RV.IsReference)
      Out += fmt::format("::new ({}.storage()) auto(std::addressof({}));\n",
                         slotPath(F, RV), RangeInit);
    else
      Out += fmt::format("::new ({}.storage()) {}({});\n", slotPath(F, RV),
                         RV.SlotType, RangeInit);
    auto beginEnd = [&](const VarDecl *VD, const char *Which) {
      const Expr *Init = VD->getInit()->IgnoreImplicit();
      if (isa<CXXMemberCallExpr>(Init))
        return fmt::format("{}.{}()", RangeName, Which);
      if (RangeVar->getType().getNonReferenceType()->isArrayType()) {
        if (std::string(Which) == "begin")
          return RangeName;
        const auto *AT = Ctx.getAsConstantArrayType(
            RangeVar->getType().getNonReferenceType());
        return fmt::format("{} + {}", RangeName,
                           AT ? AT->getSize().getZExtValue() : 0);
      }
      return fmt::format("{}({})", Which, RangeName);
    };
    const Variable &BV = *F.var(BeginVar), &EV = *F.var(EndVar);
    Out += fmt::format("::new ({}.storage()) {}({});\n", slotPath(F, BV),
                       BV.SlotType, beginEnd(BeginVar, "begin"));
    Out += fmt::format("::new ({}.storage()) {}({});\n", slotPath(F, EV),
                       EV.SlotType, beginEnd(EndVar, "end"));
    Out += fmt::format("for (; {} != {}; ++{}) {{\n", BeginName, EndName,
                       BeginName);
    // The loop variable, initialised from *iterator each iteration.
    const VarDecl *LoopVar = Range->getLoopVariable();
    const Variable *LV = F.var(LoopVar);
    std::string Deref = "*" + BeginName;
    if (LV && LV->isSlot()) {
      if (LV->IsReference)
        Out += fmt::format("::new ({}.storage()) auto(std::addressof({}));\n",
                           slotPath(F, *LV), Deref);
      else
        Out += fmt::format("::new ({}.storage()) {}({});\n", slotPath(F, *LV),
                           LV->SlotType, Deref);
    } else {
      Out += fmt::format("{} = {};\n",
                         sourceText(LoopVar->getSourceRange(), Ctx), Deref);
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(Body)) {
      for (const Stmt *Child : CS->body())
        Out += text(Child) + "\n";
    } else {
      Out += text(Body) + "\n";
    }
    if (auto It = F.EndDestroys.find(Body); It != F.EndDestroys.end())
      Out += destroys(It->second);
    Out += "}\n";
    if (auto It = F.EndDestroys.find(Range); It != F.EndDestroys.end())
      Out += destroys(It->second);
    Out += "}";
    replace(Range, Out);
    (void)Parent;
  }
};

} // namespace

std::string lowerBody(const AsyncFunction &F, ASTContext &Ctx, Rewriter &RW,
                      Diagnostics &Diag) {
  return Lowerer(F, Ctx, RW, Diag).run();
}

} // namespace stackless
