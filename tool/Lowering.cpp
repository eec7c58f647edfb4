//===- Lowering.cpp - rewrite an async body into the body of poll() ------===//
#include "Lowering.h"
#include "Analysis.h"
#include "BodyRewriter.h"
#include "Discovery.h"
#include "HoistedLambdas.h"
#include "LambdaFactory.h"
#include "Transpiler.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
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
  return fmt::format("{}.suspend{}.{}", F.StatesMember, P.Index - 1, P.FutureMember);
}

namespace {

class Lowerer {
public:
  Lowerer(AsyncFunction &F, ASTContext &Ctx, Rewriter &FileRW, Diagnostics &Diag,
          bool LineDirectives, bool OwnBuffer)
      : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()),
        RW(FileRW, bodyRange(F), OwnBuffer), Diag(Diag), LineDirectives(LineDirectives) {
    for (const SuspendPoint &P : F.Points) {
      PointOf[P.FullStmt].push_back(&P);
      PointOfCall[P.Call] = &P;
    }
    // One awaited temporary per statement lives in its state's struct; the
    // others are alive at later awaits of the statement: Temporaries.
    for (auto &[Stmt, Points] : PointOf)
      for (size_t I = 0; I + 1 < Points.size(); ++I)
        F.Points[Points[I]->Index - 1].FutureInState = false;
    // Locals with destructors are tracked first, in declaration order;
    // temporaries join as they are created. Parameters need no flag: they
    // live until the future dies, whatever happens in poll.
    for (const Variable &V : F.Vars)
      if (V.needsDestroy() && !V.IsParam && !V.DeclaredInPlace)
        F.TrackedObjects.push_back({V.Name, slotPath(F, V)});
    for (const SuspendPoint &P : F.Points)
      for (const CXXTryStmt *Try : P.Tries)
        if (!F.TryEntry.count(Try))
          F.TryEntry[Try] = fmt::format("resume_into_try_L{}_{}", lineOf(Try), F.TryEntry.size());
  }

  static CharSourceRange bodyRange(const AsyncFunction &F) {
    const auto *Body = cast<CompoundStmt>(F.Decl->getBody());
    return CharSourceRange::getCharRange(Body->getLBracLoc(),
                                         Body->getRBracLoc().getLocWithOffset(1));
  }

  std::string run() {
    const auto *Body = cast<CompoundStmt>(F.Decl->getBody());
    // Boxed `?:` sides, functions used as values, `auto` kept as declared
    // (Boxing.h): first, as they replace text between and around tokens
    // that the edits below may rewrite.
    for (const SourceEdit &E : F.EditsFirst)
      RW.ReplaceText(E.Range, E.Text);
    qualifyClassScopeTypes(Body);
    markLocalAliases(Body);
    std::set<SourceLocation> MadeStatic; // declarators of one statement share it
    for (const Variable &V : F.Vars)
      if (V.MadeStatic && V.Decl->getBeginLoc().isFileID() &&
          MadeStatic.insert(V.Decl->getBeginLoc()).second)
        RW.InsertTextBefore(V.Decl->getBeginLoc(), "static ");
    // Locals renamed where they are declared (`int Output` -> `int Output_`).
    for (const Variable &V : F.Vars)
      if (V.RenamedInPlace && V.Decl->getLocation().isFileID())
        RW.ReplaceText(chars(V.Decl->getLocation(), V.Decl->getLocation()), V.Name);
    for (const Stmt *Child : Body->body())
      lower(Child, Body);
    if (!RW.ok()) {
      fail(Body->getBeginLoc(), "internal error: an edit outside the function's body");
      return "";
    }
    lineDirectives(Body);
    std::string Text;
    if (!Body->body_empty())
      Text = RW.getRewrittenText(CharSourceRange::getCharRange(
          Body->getLBracLoc().getLocWithOffset(1), Body->getRBracLoc()));
    // Falling off the end.
    std::string End = "\n// End of the body.\n";
    if (LineDirectives)
      End = std::string("\n") + OutputLineMarker + End;
    if (auto It = F.EndDestroys.find(Body); It != F.EndDestroys.end())
      End += destroys(It->second);
    // Parameters outlive the body: they die with the future, as C++
    // (Itanium) destroys them at the end of the caller's full-expression.
    if (F.ReturnsVoid)
      End += fmt::format("{} = State::Returned;\nreturn {};\n", F.StateMember, F.complete(""));
    else
      End += fmt::format("stackless::detail::fell_off_end(\"{}\");\n", F.Name);
    return Failed ? std::string() : Text + End;
  }

private:
  AsyncFunction &F;
  ASTContext &Ctx;
  const SourceManager &SM;
  BodyRewriter RW;
  Diagnostics &Diag;
  bool LineDirectives;
  bool Failed = false;
  std::map<const Stmt *, std::vector<const SuspendPoint *>> PointOf;
  /// Do-while loops whose condition suspends: `continue` jumps to this label.
  std::map<const Stmt *, std::string> ContinueLabel;
  std::vector<const Stmt *> Loops; // enclosing loops, innermost last
  std::set<const Stmt *> Visited;
  std::set<const Stmt *> ContinueUsed; // do-while loops some continue jumps to
  /// Temporaries bound to a reference, already made in a slot of their own
  /// (keepBoundTemporaries): an operand that is one needs no second slot.
  std::set<const Expr *> KeptTemporaries;
  /// The call that makes each lambda with a factory (LambdaFactory.h), once.
  std::map<const LambdaExpr *, std::string> FactoryCalls;
  std::map<const CallExpr *, const SuspendPoint *> PointOfCall;
  std::map<const Stmt *, bool> AwaitInside; // memo for containsAwait
  std::vector<size_t> OpenTemps;            // Temporaries alive right now
  std::vector<const CXXTryStmt *> Tries;    // try blocks around the walk
  std::map<const CXXTryStmt *, std::vector<size_t>> TrackedInTry;

  // ---- text helpers ----------------------------------------------------
  //
  // Every range handed to the Rewriter is a character range ending after
  // its last token: for a token range, Rewriter measures the last token in
  // the *original* text, which is wrong once that token has been replaced.

  CharSourceRange chars(SourceLocation First, SourceLocation LastToken) const {
    // A range that starts or ends inside a macro expansion (`return N * x;`
    // with `#define N 6`) covers the macro's use in the file.
    if (First.isMacroID())
      First = SM.getExpansionRange(First).getBegin();
    if (LastToken.isMacroID())
      LastToken = SM.getExpansionRange(LastToken).getEnd();
    return CharSourceRange::getCharRange(
        First, Lexer::getLocForEndOfToken(LastToken, 0, SM, Ctx.getLangOpts()));
  }
  CharSourceRange chars(SourceRange R) const { return chars(R.getBegin(), R.getEnd()); }

  /// The statement's range including its trailing semicolon, if it has one.
  CharSourceRange fullRange(const Stmt *S) const { return chars(S->getBeginLoc(), lastToken(S)); }
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
    if (!isa<CompoundStmt>(S) && !isa<IfStmt>(S) && !isa<WhileStmt>(S) && !isa<ForStmt>(S) &&
        !isa<CXXForRangeStmt>(S) && !isa<SwitchStmt>(S) && !isa<CXXTryStmt>(S) &&
        !isa<SwitchCase>(S)) {
      Token Tok;
      bool AtSemi = !Lexer::getRawToken(End, Tok, SM, Ctx.getLangOpts()) && Tok.is(tok::semi);
      if (!AtSemi) {
        std::optional<Token> Next = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
        if (Next && Next->is(tok::semi))
          End = Next->getLocation();
      }
    }
    return End;
  }
  std::string text(const Stmt *S) const { return RW.getRewrittenText(fullRange(S)); }
  std::string exprText(const Stmt *E) const {
    return RW.getRewrittenText(chars(E->getSourceRange()));
  }
  /// `if (c) break; t += v;` on one line: the lowering may start a line
  /// with that `if` (a statement before it became several lines), and then
  /// the next statement reads as guarded (g++ -Wmisleading-indentation). A
  /// statement after an unbraced if/for/while body goes on a line of its own.
  void separateGuardedStatements(const CompoundStmt *CS) {
    const Stmt *Prev = nullptr;
    for (const Stmt *Child : CS->body()) {
      if (Prev && !Child->getBeginLoc().isMacroID() && !Prev->getEndLoc().isMacroID()) {
        const Stmt *Guarded = nullptr;
        if (const auto *If = dyn_cast<IfStmt>(Prev))
          Guarded = If->getElse() ? If->getElse() : If->getThen();
        else if (const auto *W = dyn_cast<WhileStmt>(Prev))
          Guarded = W->getBody();
        else if (const auto *For = dyn_cast<ForStmt>(Prev))
          Guarded = For->getBody();
        else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Prev))
          Guarded = Range->getBody();
        if (Guarded && !isa<CompoundStmt>(Guarded) &&
            SM.getExpansionLineNumber(Prev->getEndLoc()) ==
                SM.getExpansionLineNumber(Child->getBeginLoc()))
          RW.InsertTextBefore(Child->getBeginLoc(), "\n");
      }
      Prev = Child;
    }
  }

  /// Replaces S. A replacement of several lines gets lines of its own: left
  /// on the line of a neighbouring statement (`if (c) throw 1; return x;`
  /// written on one line), its block would read as guarded by that `if`
  /// (g++ -Wmisleading-indentation).
  void replace(const Stmt *S, const std::string &New) {
    CharSourceRange R = fullRange(S);
    if (New.find('\n') == std::string::npos || R.getBegin().isMacroID() ||
        R.getEnd().isMacroID()) {
      RW.ReplaceText(R, New);
      return;
    }
    const char *Begin = SM.getCharacterData(R.getBegin());
    const char *BufferStart = SM.getBufferData(SM.getFileID(R.getBegin())).data();
    const char *LineStart = Begin;
    while (LineStart > BufferStart && LineStart[-1] != '\n')
      --LineStart;
    const char *End = SM.getCharacterData(R.getEnd()) +
                      Lexer::MeasureTokenLength(R.getEnd(), SM, Ctx.getLangOpts());
    const char *LineEnd = End;
    while (*LineEnd && *LineEnd != '\n')
      ++LineEnd;
    // Only after another statement (`f(); return x;`): a body stays after
    // its head (`for (...) s += await(f);`), a for's init in its parens.
    llvm::StringRef Before = llvm::StringRef(LineStart, Begin - LineStart).rtrim(" \t");
    bool AfterStatement = Before.ends_with(";") || Before.ends_with("}");
    // Only before another statement: not before a comment or a closing brace.
    llvm::StringRef After = llvm::StringRef(End, LineEnd - End).trim(" \t");
    bool BeforeStatement = !After.empty() && !After.starts_with("//") && !After.starts_with("}");
    std::string Text = (AfterStatement ? "\n" : "") + New + (BeforeStatement ? "\n" : "");
    RW.ReplaceText(R, Text);
  }
  void fail(SourceLocation Loc, const std::string &Msg) {
    Diag.error(Loc, Msg);
    Failed = true;
  }

  // Every object with a destructor that poll creates or destroys flips its
  // flag in the poll-local `live` struct: if an exception escapes, exactly
  // the objects alive are destroyed (HARD-PARTS 2: the state alone only
  // says what is alive *at* a suspension point).
  std::string alive(const std::string &LiveName, bool On) const {
    if (!isTracked(LiveName))
      return ""; // nothing to destroy: no flag
    return fmt::format("{}.{} = {};\n", F.LiveMember, LiveName, On ? "true" : "false");
  }
  bool isTracked(const std::string &LiveName) const {
    for (const AsyncFunction::Tracked &T : F.TrackedObjects)
      if (T.LiveName == LiveName)
        return true;
    return false;
  }
  std::string destroyVar(const Variable &V, const char *Why) const {
    return fmt::format("{}.destroy();  // {} `{}`\n", slotPath(F, V), Why,
                       V.Decl->getName().str()) +
           alive(V.Name, false);
  }
  std::string destroys(const std::vector<const Variable *> &Vars) const {
    std::string Out;
    for (const Variable *V : Vars)
      Out += destroyVar(*V, "end of the scope of");
    return Out;
  }
  /// `x.take()` for a tracked Temporary: no longer alive once taken.
  std::string takeTracked(const std::string &Name) const {
    return fmt::format("stackless::detail::take({}, {}.{})", Name, F.LiveMember, Name);
  }
  std::string returned() const { return fmt::format("{} = State::Returned;\n", F.StateMember); }

  // ---- awaits inside expressions (A-normal form) ---------------------------
  //
  // A full-expression that awaits becomes a sequence of statements that run
  // first (they may suspend) and the expression itself, which no longer
  // suspends. Operands are evaluated left to right (C++ leaves function
  // arguments unspecified; we choose left to right, as clang does); an
  // operand evaluated before a later await is kept in a Temporary, as C++
  // keeps temporaries to the end of the full-expression, where they die in
  // reverse order. `&&`, `||` and `?:` become branches: only the evaluated
  // side suspends.

  struct Sequence {
    std::string Pre;                   ///< runs first; may suspend
    std::vector<std::string> Cleanups; ///< run in reverse at its end
    size_t FirstTemp = 0;              ///< Temporaries it created start here
  };

  Sequence startSequence() const { return Sequence{"", {}, F.Temps.size()}; }

  /// The end of a full-expression (or of a branch): cleanups in reverse
  /// order; the Temporaries it made are no longer alive.
  std::string finish(const Sequence &Seq) {
    std::string Out;
    for (auto It = Seq.Cleanups.rbegin(); It != Seq.Cleanups.rend(); ++It)
      Out += *It;
    OpenTemps.erase(std::remove_if(OpenTemps.begin(), OpenTemps.end(),
                                   [&](size_t I) { return I >= Seq.FirstTemp; }),
                    OpenTemps.end());
    return Out;
  }

  bool containsAwait(const Stmt *S) {
    if (!S)
      return false;
    auto It = AwaitInside.find(S);
    if (It != AwaitInside.end())
      return It->second;
    bool Found = false;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Found = PointOfCall.count(Call) != 0;
    if (!isa<LambdaExpr>(S))
      for (const Stmt *Child : S->children())
        Found = Found || containsAwait(Child);
    return AwaitInside[S] = Found;
  }

  /// A new Temporary; it is alive until its sequence finishes.
  std::string newTemp(const std::string &Base, const std::string &Type, bool NeedsDestroy,
                      const std::string &What, unsigned Line, QualType Of = QualType()) {
    Temporary T;
    T.Of = Of;
    T.Name = fmt::format("{}{}_", Base, F.Temps.size());
    T.Type = Type;
    T.NeedsDestroy = NeedsDestroy;
    T.What = What;
    T.Line = Line;
    F.Temps.push_back(T);
    OpenTemps.push_back(F.Temps.size() - 1);
    if (NeedsDestroy)
      track(T.Name, T.Name);
    return T.Name;
  }

  /// A new tracked object, inside the try blocks being lowered.
  void track(const std::string &LiveName, const std::string &Path) {
    F.TrackedObjects.push_back({LiveName, Path});
    for (const CXXTryStmt *Try : Tries)
      TrackedInTry[Try].push_back(F.TrackedObjects.size() - 1);
  }
  std::string futureLiveName(const SuspendPoint &P) const {
    return fmt::format("awaited{}", P.Index - 1);
  }

  unsigned lineOf(const Stmt *S) const { return SM.getExpansionLineNumber(S->getBeginLoc()); }

  /// Everything up to and including the resume label and the poll.
  std::string awaitSequence(const SuspendPoint &P, const std::string &Operand,
                            const std::string &Future, const std::string &FutureLive,
                            const std::string &Result, bool DeclareResult) {
    std::string Out = fmt::format("// line {}: {}\n", P.Line, P.SourceText);
    std::string Polled = Operand;
    if (P.OperandIsTemporary) {
      Out += fmt::format("::new ({}.storage()) {}({});\n", Future, P.FutureType, Operand);
      Out += alive(FutureLive, true);
      Polled = Future + ".ref()";
    }
    // Whatever is alive now must survive this suspension point. (An await's
    // value declared at its own resume label is always taken before any
    // later suspension: one that C++ evaluates later, like the left side of
    // `a[await(i)] = await(v)`, finds it already moved into a kept slot.)
    for (size_t I : OpenTemps)
      if (!F.Temps[I].DeclaredAtResume)
        F.Temps[I].AliveAt.insert(P.Index);
    Out += fmt::format("{}:\n", P.StateName);
    if (!P.Tries.empty())
      Out += F.ResumingFlag + " = false;\n";
    if (DeclareResult)
      Out += fmt::format("stackless::Slot<{}> {};  // the value of the await\n", P.ResultType,
                         Result);
    if (!Result.empty())
      Out += fmt::format("if (!stackless::detail::poll_into({}, {}, {})) {{\n", Polled,
                         F.ContextParam, Result);
    else
      Out += fmt::format("if (!stackless::detail::poll_ready({}, {})) {{\n", Polled, F.ContextParam);
    Out += fmt::format("{} = State::{};\nreturn {};\n}}\n", F.StateMember, P.StateName,
                       F.pending());
    if (!Result.empty() && !P.ResultTrivial)
      Out += alive(Result, true);
    return Out;
  }

  /// Lowers the awaits in E into Seq; returns the text that now stands for
  /// E (evaluated after Seq.Pre has run).
  std::string anf(const Expr *E, Sequence &Seq) {
    if (!containsAwait(E))
      return exprText(E);
    // Wrappers that share their operand's text.
    if (isa<ImplicitCastExpr>(E) || isa<FullExpr>(E) || isa<MaterializeTemporaryExpr>(E) ||
        isa<CXXBindTemporaryExpr>(E))
      return anf(cast<Expr>(*E->child_begin()), Seq);
    if (const auto *Paren = dyn_cast<ParenExpr>(E))
      return "(" + anf(Paren->getSubExpr(), Seq) + ")";
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (auto It = PointOfCall.find(Call); It != PointOfCall.end())
        return It->second->IsYield ? anfYield(*It->second, Seq) : anfAwait(*It->second, Seq);
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      if (B->isLogicalOp())
        return anfLogical(B, Seq);
      if (B->isCommaOp()) {
        // `(Tr(1), await(x))`: the left operand's temporaries, itself
        // included, live to the end of the full-expression.
        const bool KeepsLeft = containsAwait(B->getRHS()) && !containsAwait(B->getLHS());
        if (KeepsLeft)
          keepTemporariesIn(B->getLHS(), B, Seq);
        std::string Left = anf(B->getLHS(), Seq);
        // `(await(make()), await(x))`: the first value, discarded, is a
        // temporary too, destroyed at the end of the full-expression.
        QualType LT = B->getLHS()->getType();
        if (containsAwait(B->getRHS()) && containsAwait(B->getLHS()) && B->getLHS()->isPRValue() &&
            LT->isRecordType() && LT.isDestructedType() != QualType::DK_none)
          keep(B->getLHS(), Left, Seq);
        else
          Seq.Pre += (KeepsLeft && ownTemporary(B->getLHS()) ? "(void)" + Left : Left) + ";\n";
        return anf(B->getRHS(), Seq);
      }
      if (B->isAssignmentOp())
        return anfAssignment(E, B->getLHS(), B->getRHS(), Seq);
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->isAssignmentOp() && Op->getNumArgs() == 2)
        return anfAssignment(E, Op->getArg(0), Op->getArg(1), Seq);
    if (const auto *C = dyn_cast<ConditionalOperator>(E))
      return anfConditional(C, Seq);
    return anfOperands(E, Seq);
  }

  /// Temporaries the awaited expression binds to references (`child(x + 1)`
  /// with `child(const int&)`): the child future may keep the reference, and
  /// C++ keeps them to the end of the full-expression, across the await.
  /// A lambda's closure materialized as a temporary (under implicit casts).
  static bool isLambdaTemporary(const Expr *E) {
    while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      E = Cast->getSubExpr();
    const CXXRecordDecl *RD =
        isa<MaterializeTemporaryExpr>(E) ? E->getType()->getAsCXXRecordDecl() : nullptr;
    return RD && RD->isLambda();
  }

  /// The factory of the lambda E is (under implicit nodes), if one makes it.
  const LambdaFactory *heldLambdaIn(const Expr *E) const {
    E = E->IgnoreImplicit();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr()->IgnoreImplicit();
    const auto *Lambda = dyn_cast<LambdaExpr>(E);
    return Lambda ? F.heldLambda(Lambda) : nullptr;
  }

  /// `stackless::join`, `select`, `poll_fn`, `boxed`, `ready`: the runtime's
  /// functions that take their arguments by forwarding reference only to
  /// move them into the object they return (SPEC 3).
  static bool movesArgumentsIn(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return false;
    const auto *NS = dyn_cast<NamespaceDecl>(Callee->getDeclContext());
    if (!NS || !NS->getIdentifier() || NS->getName() != "stackless" ||
        !NS->getParent()->isTranslationUnit())
      return false;
    return llvm::is_contained({"join", "select", "poll_fn", "boxed", "ready"}, Callee->getName());
  }

  void keepBoundTemporaries(const Stmt *S, Sequence &Seq) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (PointOfCall.count(Call))
        return; // a nested await: lowered by anf()
    // `join(YieldOnce(1), poll_fn([&](Context &cx) {...}))`: each argument
    // is moved into the combinator, which keeps no reference to it; only
    // what the argument's own making binds is kept. (The moved-from
    // temporary then dies at once rather than after the await: its end is
    // not an event, SPEC 2.3.)
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && movesArgumentsIn(Call)) {
      for (const Expr *Arg : Call->arguments()) {
        const Expr *Inner = Arg->IgnoreImplicit();
        if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Inner))
          Inner = MTE->getSubExpr();
        keepBoundTemporaries(Inner, Seq);
      }
      return;
    }
    // `+[](int x) { ... }`, or such a lambda given for a function pointer:
    // its conversion returns a pointer to a function, nothing of the closure.
    if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(S);
        Conv && isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()) &&
        isLambdaTemporary(Conv->getImplicitObjectArgument()))
      return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S))
      if (Op->getOperator() == OO_Call && isLambdaTemporary(Op->getArg(0))) {
        // A lambda called where it is written (`[&] { ... }()`) is bound
        // only to its own call operator, which returns before the await.
        for (unsigned I = 1; I < Op->getNumArgs(); ++I)
          keepBoundTemporaries(Op->getArg(I), Seq);
        return;
      }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && markerOf(Callee->getReturnType()) != Marker::None) {
        for (const Expr *Arg : Call->arguments())
          if (isa<CXXStdInitializerListExpr>(Arg->IgnoreImplicit())) {
            fail(Arg->getBeginLoc(),
                 "a braced list passed as a std::initializer_list to an awaited async function "
                 "is not supported yet (its array would not outlive the await); pass a "
                 "std::vector or a std::array");
            return;
          }
        // In a template, Clang leaves a temporary bound to a reference
        // parameter unmaterialized until the instantiation: found here by
        // the parameter's type.
        if (Callee->isDependentContext() || F.Decl->isDependentContext())
          for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I) {
            const Expr *Arg = Call->getArg(I);
            const Expr *Bare = Arg->IgnoreParenImpCasts();
            if (Callee->getParamDecl(I)->getType()->isReferenceType() && !boundTemporary(Arg) &&
                Bare->isPRValue() && !isa<CXXDefaultArgExpr>(Bare) && !containsAwait(Arg) &&
                !isLambdaTemporary(Arg) && markerOf(Bare->getType()) == Marker::None &&
                (Bare->getType()->isRecordType() || Bare->getType()->isDependentType())) {
              replaceExpr(Arg, keep(Arg, exprText(Arg), Seq));
              KeptTemporaries.insert(Arg);
            }
          }
      }
    }
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(S)) {
      // `std::vector<int>{1, 2}`: the list's array is not an object a slot
      // can be constructed from (`const int[2]({1, 2})`); it is left where
      // it is, with only its elements' own temporaries kept.
      const Expr *Array = List->getSubExpr()->IgnoreImplicit();
      if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Array))
        Array = MTE->getSubExpr();
      for (const Stmt *Child : Array->children())
        keepBoundTemporaries(Child, Seq);
      return;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(S)) {
      // A future handed to a combinator (`join(a(), b())`) is moved into it;
      // its type is not the input's anyway (a() returns its own class).
      bool IsFuture = markerOf(MTE->getType()) != Marker::None;
      if (!MTE->getExtendingDecl() && !containsAwait(MTE) && !IsFuture) {
        if (isLambdaTemporary(MTE) && !heldLambdaIn(MTE)) {
          fail(MTE->getBeginLoc(), "a lambda bound to a reference in an awaited expression (a "
                                   "parameter `F &&f`, a std::function made from it) is not "
                                   "supported yet (its type cannot be named); declare it before "
                                   "the statement");
          return;
        }
        replaceExpr(MTE, keep(MTE, exprText(MTE), Seq));
        KeptTemporaries.insert(MTE);
        return;
      }
    }
    // Only what is surely evaluated: not the right of `&&`/`||` nor the
    // sides of `?:` (a temporary there may never be made). (One made after
    // an await inside is still made before it: made after it, it would
    // die before the awaited future is done.)
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isLogicalOp())
      return keepBoundTemporaries(B->getLHS(), Seq);
    if (const auto *C = dyn_cast<AbstractConditionalOperator>(S))
      return keepBoundTemporaries(C->getCond(), Seq);
    for (const Stmt *Child : S->children())
      keepBoundTemporaries(Child, Seq);
    // After the arguments written: defaults come last. (Of the calls that
    // make a future: a constructor's, `std::string(s, Alloc())`'s, are
    // copied into the object it makes.)
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && !isa<CXXOperatorCallExpr>(Call))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && markerOf(Callee->getReturnType()) != Marker::None)
        keepDefaultArguments(Callee, {Call->getArgs(), Call->getNumArgs()}, Call->getRParenLoc(),
                             Seq);
  }

  /// `await(f())` where f is `Async<int> f(const std::string &s = "x")`:
  /// the default argument's temporary, bound to the parameter, must live
  /// until the future is done, like a temporary written in the call. C++
  /// makes it out of sight, at the end of the statement that constructs
  /// the future; it is written into the call instead (with the defaults
  /// before it), and kept as written ones are.
  void keepDefaultArguments(const FunctionDecl *Callee, ArrayRef<const Expr *> Args,
                            SourceLocation RParen, Sequence &Seq) {
    if (!Callee || RParen.isInvalid() || RParen.isMacroID())
      return;
    int First = -1, Last = -1;
    for (unsigned I = 0; I < Args.size(); ++I)
      if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Args[I])) {
        if (First < 0)
          First = int(I);
        if (boundTemporary(Default->getExpr()))
          Last = int(I);
      }
    if (Last < 0)
      return;
    std::string Text;
    for (int I = First; I <= Last; ++I) {
      const auto *Default = cast<CXXDefaultArgExpr>(Args[I]);
      const Expr *E = Default->getExpr();
      std::string Spelled = sourceText(E->getSourceRange(), Ctx);
      if (!spellableHere(Spelled, Callee)) {
        fail(RParen, fmt::format("the default argument of '{}' makes a temporary that must live "
                                 "until the awaited future is done, and '{}' cannot be spelled "
                                 "here; pass the argument explicitly",
                                 Default->getParam()->getName().str(), Spelled));
        return;
      }
      if (const MaterializeTemporaryExpr *MTE = boundTemporary(E))
        Spelled = keep(MTE, Spelled, Seq);
      Text += (I > 0 ? ", " : "") + Spelled;
    }
    // (The parenthesis itself is replaced: the last argument's text ends
    // where it begins.)
    RW.ReplaceText(CharSourceRange::getCharRange(RParen, RParen.getLocWithOffset(1)), Text + ")");
  }
  /// The temporary a default argument binds to its reference parameter.
  static const MaterializeTemporaryExpr *boundTemporary(const Expr *E) {
    while (E && (isa<ImplicitCastExpr>(E) || isa<ParenExpr>(E)))
      E = isa<ParenExpr>(E) ? cast<ParenExpr>(E)->getSubExpr()
                            : cast<ImplicitCastExpr>(E)->getSubExpr();
    const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(E);
    return MTE && !MTE->getExtendingDecl() ? MTE : nullptr;
  }
  /// Can a default argument of Callee, written in its declaration, be
  /// written in this function? Always when it names nothing (`"x"`, `{}`,
  /// `42`); else when the callee's scope encloses this function's, so the
  /// same names are found (not for templates, whose defaults may name
  /// their parameters).
  bool spellableHere(const std::string &Spelled, const FunctionDecl *Callee) const {
    bool NamesSomething = false;
    Lexer Lex(SourceLocation(), Ctx.getLangOpts(), Spelled.data(), Spelled.data(),
              Spelled.data() + Spelled.size());
    Token T;
    for (Lex.LexFromRawLexer(T); T.isNot(tok::eof); Lex.LexFromRawLexer(T))
      if (T.is(tok::raw_identifier) && T.getRawIdentifier() != "true" &&
          T.getRawIdentifier() != "false" && T.getRawIdentifier() != "nullptr")
        NamesSomething = true;
    if (!NamesSomething)
      return true;
    if (Callee->isTemplateInstantiation() || Callee->isDependentContext())
      return false;
    return Callee->getDeclContext()->Encloses(F.Decl->getDeclContext());
  }

  /// An lvalue that names the same object however often it is evaluated:
  /// `f`, `s.f`, `p->f`, `*p`, `this->f` (no call, no side effect).
  static bool stableLvalue(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isa<DeclRefExpr>(E) || isa<CXXThisExpr>(E))
      return true;
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return stableLvalue(M->getBase());
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      return U->getOpcode() == UO_Deref && stableLvalue(U->getSubExpr());
    return false;
  }

  /// `std::move(x)` / `static_cast<F&&>(x)`: x.
  static const Expr *movedFrom(const Expr *E) {
    for (;;) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E)) {
        E = Cast->getSubExpr();
      } else if (const auto *Call = dyn_cast<CallExpr>(E);
                 Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
                 Call->getDirectCallee()->getIdentifier() &&
                 Call->getDirectCallee()->getName() == "move" &&
                 Call->getDirectCallee()->isInStdNamespace()) {
        E = Call->getArg(0);
      } else {
        return E;
      }
    }
  }

  std::string anfAwait(const SuspendPoint &P, Sequence &Seq) {
    if (P.OperandIsTemporary)
      keepBoundTemporaries(P.Operand->IgnoreImplicit(), Seq);
    std::string Operand = anf(P.Operand, Seq); // nested awaits run first
    // A named future reached through an expression (`futs[i++]`): its
    // address is taken once, before suspending, and kept; the future is
    // polled through it (the expression must not run again at each poll).
    if (const Expr *Named = movedFrom(P.Operand);
        !P.OperandIsTemporary && !P.IsYield && Named->isLValue() && !stableLvalue(Named)) {
      QualType PT = Ctx.getPointerType(Named->getType().getNonReferenceType());
      // (Its type is the declared one: an element of a container, a
      // function's reference result; a lowered future is only ever named.)
      std::string Type = PT->isDependentType()
                             ? "decltype(std::addressof(" + declvalText(Named, F, Ctx) + "))"
                             : typeName(PT, Ctx);
      std::string Name = newTemp("named", Type, false, "the address of the future awaited at line " +
                                                           std::to_string(P.Line),
                                 P.Line, PT->isDependentType() ? QualType() : PT);
      Seq.Pre += fmt::format("::new ({}.storage()) {}(std::addressof({}));\n", Name,
                             newExpressionType(Type), oneArgument(exprText(Named)));
      Operand = "(*" + Name + ".ref())";
    }
    std::string Future, FutureLive;
    if (P.OperandIsTemporary) {
      if (P.FutureInState) {
        Future = futurePath(F, P);
        FutureLive = futureLiveName(P);
        if (!P.FutureTrivial)
          track(FutureLive, Future);
      } else {
        Future = FutureLive =
            newTemp("awaited", P.FutureType, !P.FutureTrivial,
                    "the future awaited at line " + std::to_string(P.Line), P.Line,
                    P.LoweredCallee ? QualType() : P.Operand->getType());
      }
      Seq.Cleanups.push_back(Future + ".destroy();\n" + alive(FutureLive, false));
    }
    bool Keep = P.ResultUsed && P.ResultType != "void";
    std::string Result;
    if (Keep)
      Result = fmt::format("result{}_", P.Index - 1);
    // The value lives from here to the end of the statement: unless a later
    // await of the statement must keep it, it is an ordinary local of poll,
    // declared where it is filled (which also lets compilers see it is
    // written before it is read). (One with a destructor is named by the
    // exception handler, at the top.)
    bool DeclareHere = Keep && P.ResultTrivial && PointOf[P.FullStmt].back() == &P;
    Seq.Pre += awaitSequence(P, Operand, Future, FutureLive, Result, DeclareHere);
    if (Keep) {
      // Alive from here until the full-expression takes it.
      Temporary T;
      T.Name = Result;
      T.Type = P.ResultType;
      T.NeedsDestroy = !P.ResultTrivial;
      T.What = "the value of the await at line " + std::to_string(P.Line);
      T.Line = P.Line;
      T.DeclaredAtResume = DeclareHere;
      T.Of = P.Call->getType();
      F.Temps.push_back(T);
      OpenTemps.push_back(F.Temps.size() - 1);
      if (P.ResultTrivial)
        return Result + ".take()";
      track(Result, Result);
      if (PointOf[P.FullStmt].back() != &P && referredTo(P.Call)) {
        // `await(name()).c_str()` or a reference to it, before a later
        // await: a temporary C++ keeps to the end of the full-expression.
        // Read in place, destroyed with the statement's other temporaries.
        Seq.Cleanups.push_back(Result + ".destroy();\n" + alive(Result, false));
        return "std::move(" + Result + ".ref())";
      }
      return takeTracked(Result);
    }
    return P.ResultType == "void" ? "void()" : "";
  }

  /// Is E's value used as an object (`E.member`, `E.f()`) or bound to a
  /// reference, rather than taken as a value?
  bool referredTo(const Expr *E) {
    const Stmt *Child = E;
    for (;;) {
      auto Parents = Ctx.getParents(*Child);
      if (Parents.empty())
        return false;
      const auto *Parent = Parents[0].get<Expr>();
      if (!Parent)
        return false;
      if (isa<MaterializeTemporaryExpr>(Parent))
        return true;
      if (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent) ||
          isa<CXXBindTemporaryExpr>(Parent)) {
        Child = Parent;
        continue;
      }
      return isa<MemberExpr>(Parent);
    }
  }

  /// yield(v): hand v to the consumer and suspend; resume right after.
  std::string anfYield(const SuspendPoint &P, Sequence &Seq) {
    // The temporaries of `yield(expr)` live to the end of the statement, as
    // in C++ (and co_yield): until the consumer has seen the value and the
    // generator resumes. (The value itself is moved into what resume()
    // returns.)
    if (!containsAwait(P.Operand))
      keepTemporariesIn(P.Operand, P.Operand, Seq);
    std::string Value = anf(P.Operand, Seq);
    for (size_t I : OpenTemps)
      F.Temps[I].AliveAt.insert(P.Index);
    Seq.Pre += fmt::format("// line {}: {}\n{} = State::{};\nreturn {};\n{}:;\n", P.Line,
                           P.SourceText, F.StateMember, P.StateName, F.yielded(Value), P.StateName);
    if (!P.Tries.empty())
      Seq.Pre += F.ResumingFlag + " = false;\n";
    return "void()";
  }

  std::string anfLogical(const BinaryOperator *B, Sequence &Seq) {
    std::string Op = B->getOpcode() == BO_LAnd ? " && " : " || ";
    if (!containsAwait(B->getRHS()))
      return "(" + anf(B->getLHS(), Seq) + Op + exprText(B->getRHS()) + ")";
    // The left operand's temporaries live to the end of the full-expression,
    // past the right operand's awaits (its own value is a bool by then).
    if (!containsAwait(B->getLHS()))
      keepTemporariesIn(B->getLHS(), B, Seq);
    std::string L = anf(B->getLHS(), Seq);
    // Only the evaluated side suspends.
    std::string T =
        newTemp("condition", "bool", false, "the value of a && or ||", lineOf(B), Ctx.BoolTy);
    Seq.Pre += fmt::format("::new ({0}.storage()) bool(static_cast<bool>({1}));\n"
                           "if ({2}{0}.ref()) {{\n",
                           T, L, B->getOpcode() == BO_LAnd ? "" : "!");
    Sequence Inner = startSequence();
    std::string R = anf(B->getRHS(), Inner);
    Seq.Pre += Inner.Pre + fmt::format("{}.ref() = static_cast<bool>({});\n", T, R) +
               finish(Inner) + "}\n";
    return T + ".ref()";
  }

  std::string anfConditional(const ConditionalOperator *C, Sequence &Seq) {
    const bool SidesAwait = containsAwait(C->getTrueExpr()) || containsAwait(C->getFalseExpr());
    // The condition's temporaries live past the chosen side's awaits.
    if (SidesAwait && !containsAwait(C->getCond()))
      keepTemporariesIn(C->getCond(), C, Seq);
    std::string Cond = anf(C->getCond(), Seq);
    if (!SidesAwait) {
      // Sides that call different lowered functions are boxed (Boxing.h).
      auto Side = [&](const Expr *X) {
        return F.File->Boxed.count(X) ? "stackless::boxed(" + exprText(X) + ")" : exprText(X);
      };
      return "(" + Cond + " ? " + Side(C->getTrueExpr()) + " : " + Side(C->getFalseExpr()) + ")";
    }
    QualType T = C->getType();
    bool Void = T->isVoidType();
    bool Glvalue = C->isGLValue();
    std::string Name, Type;
    if (!Void) {
      // In a template the type is named by the expression itself.
      std::string Dependent = T->isDependentType() ? declvalText(C, F, Ctx) : "";
      Type = !Dependent.empty() ? (Glvalue ? "decltype(std::addressof(" + Dependent + "))"
                                           : "std::decay_t<decltype(" + Dependent + ")>")
             : Glvalue          ? typeName(Ctx.getPointerType(T), Ctx)
                                : typeName(T, Ctx);
      Name = newTemp("choice", Type, !Glvalue, "the value of a ?:", lineOf(C),
                     T->isDependentType() ? QualType() : Glvalue ? Ctx.getPointerType(T) : T);
    }
    auto Branch = [&](const Expr *X) {
      Sequence Inner = startSequence();
      std::string V = anf(X, Inner);
      // `c ? await(f()) : throw Error{}`: a side that throws has no value.
      const bool Throws = isa<CXXThrowExpr>(X->IgnoreParenImpCasts());
      std::string Store =
          Void || Throws ? V + ";\n"
          : Glvalue ? fmt::format("::new ({}.storage()) auto(std::addressof({}));\n", Name,
                                  oneArgument(V))
                    : fmt::format("::new ({}.storage()) {}({});\n", Name, newExpressionType(Type),
                                  V) +
                          alive(Name, true);
      return Inner.Pre + Store + finish(Inner);
    };
    Seq.Pre += "if (" + Cond + ") {\n" + Branch(C->getTrueExpr()) + "} else {\n" +
               Branch(C->getFalseExpr()) + "}\n";
    if (Void)
      return "void()";
    return Glvalue ? "(*" + Name + ".ref())" : takeTracked(Name);
  }

  /// `a = b`: C++17 evaluates the right operand first.
  std::string anfAssignment(const Expr *E, const Expr *LHS, const Expr *RHS, Sequence &Seq) {
    std::string R = anf(RHS, Seq);
    if (containsAwait(LHS))
      R = keep(RHS, R, Seq);
    replaceExpr(RHS, R);
    if (containsAwait(LHS))
      replaceExpr(LHS, anf(LHS, Seq));
    return exprText(E);
  }

  /// The operands of E in the order we evaluate them.
  std::vector<const Expr *> operands(const Expr *E) const {
    std::vector<const Expr *> Out;
    auto Add = [&](const Stmt *S) {
      if (const auto *X = dyn_cast_or_null<Expr>(S))
        if (X->getSourceRange().isValid() && !isa<CXXDefaultArgExpr>(X) &&
            !isa<CXXDefaultInitExpr>(X))
          Out.push_back(X);
    };
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      for (const Expr *A : Op->arguments())
        Add(A);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      Add(Member->getCallee()); // the object, then the arguments
      for (const Expr *A : Member->arguments())
        Add(A);
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
      if (!isa<DeclRefExpr>(Callee) && !isa<UnresolvedLookupExpr>(Callee))
        Add(Call->getCallee());
      for (const Expr *A : Call->arguments())
        Add(A);
    } else {
      for (const Stmt *Child : E->children())
        Add(Child);
    }
    return Out;
  }

  /// When E names a member function to call (`obj.f`, also in a template:
  /// `obj.template f<T>`), the object expression, or null for an implicit
  /// `this`.
  static std::optional<const Expr *> memberObject(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return M->getBase();
    if (const auto *D = dyn_cast<CXXDependentScopeMemberExpr>(E))
      return D->isImplicitAccess() ? nullptr : D->getBase();
    if (const auto *U = dyn_cast<UnresolvedMemberExpr>(E))
      return U->isImplicitAccess() ? nullptr : U->getBase();
    // `(c.*op)(await(x))`: the object; the member pointer is a name.
    if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isPtrMemOp() &&
                                                     isa<DeclRefExpr>(B->getRHS()->IgnoreParenImpCasts()))
      return B->getLHS();
    return std::nullopt;
  }

  /// Operands left to right; those evaluated before a later await are kept.
  std::string anfOperands(const Expr *E, Sequence &Seq) {
    std::vector<const Expr *> Ops = operands(E);
    size_t Last = 0;
    for (size_t I = 0; I < Ops.size(); ++I)
      if (containsAwait(Ops[I]))
        Last = I + 1;
    for (size_t I = 0; I < Ops.size(); ++I) {
      const Expr *Op = Ops[I];
      bool Awaits = containsAwait(Op);
      if (!Awaits && I + 1 >= Last)
        continue; // evaluated after the last await: as written
      if (std::optional<const Expr *> Object = memberObject(Op)) {
        // `obj.f(await(x))`: keep the object, not the member function (and
        // nothing for `this`); `b.add(await(x)).add(await(y))`: the object
        // awaits first.
        if (const Expr *Base = *Object) {
          bool BaseAwaits = containsAwait(Base);
          if (!BaseAwaits)
            keepTemporariesIn(Base, Base, Seq);
          std::string Text = BaseAwaits ? anf(Base, Seq) : exprText(Base);
          // `o->id` through an overloaded `->` (o a std::optional): the base
          // is the call `o->` (its text ends with the arrow); the pointer it
          // returns is what is kept.
          const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Base->IgnoreImpCasts());
          bool Overloaded = Arrow && Arrow->getOperator() == OO_Arrow && !BaseAwaits;
          if (Overloaded)
            Text = "(" + exprText(Arrow->getArg(0)) + ").operator->()";
          if (I + 1 < Last && needsKeeping(Base))
            Text = keep(Base, Text, Seq);
          replaceExpr(Base, Overloaded ? Text + "->" : Text);
        }
        continue;
      }
      if (!Awaits && I + 1 < Last)
        keepTemporariesIn(Op, Op, Seq);
      std::string Text = Awaits ? anf(Op, Seq) : exprText(Op);
      // `Tr(await(x)).get() + await(y)`: the temporaries made from the
      // first await's value live past the second (when Op's lowered text
      // is in the file's text, where keeping them rewrites it).
      if (Awaits && I + 1 < Last && Text == exprText(Op)) {
        keepTemporariesIn(Op, Op, Seq, /*AwaitsLowered=*/true);
        Text = exprText(Op);
      } else if (Awaits && I + 1 < Last) {
        rejectTemporaries(Op, ownTemporary(Op)); // (`await(c) ? Tr(1).get() : 0`)
      }
      // An await's value already waits in its own Temporary.
      const auto *AsAwait = dyn_cast<CallExpr>(Op->IgnoreImplicit()->IgnoreParens());
      bool IsAwait = AsAwait && PointOfCall.count(AsAwait);
      bool Kept = false;
      for (const Expr *X = Op; X && !Kept;) {
        Kept = KeptTemporaries.count(X) > 0;
        if (const auto *Cast = dyn_cast<ImplicitCastExpr>(X))
          X = Cast->getSubExpr();
        else if (const auto *Paren = dyn_cast<ParenExpr>(X))
          X = Paren->getSubExpr();
        else
          X = nullptr;
      }
      if (I + 1 < Last && !IsAwait && !Kept && needsKeeping(Op))
        Text = keep(Op, Text, Seq);
      replaceExpr(Op, Text);
    }
    return exprText(E);
  }

  /// The temporaries with destructors created while an operand before a
  /// later await is evaluated live to the end of the full-expression, as in
  /// C++ (`f(name().c_str(), await(g()))`: the string must outlive the
  /// await): each is created in a slot of its own, destroyed with the
  /// sequence. Not under `?:`/`&&`/`||` (created on one branch only) nor in
  /// a lambda; the operand itself, when it is the temporary, is kept by keep().
  /// The temporary an operand itself is (kept whole by keep()), if any.
  static const CXXBindTemporaryExpr *ownTemporary(const Expr *E) {
    for (;;) {
      if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
        return Bind;
      if (const auto *P = dyn_cast<ParenExpr>(E))
        E = P->getSubExpr();
      else if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
        E = C->getSubExpr();
      else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(E))
        E = C->getSubExpr();
      else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
        E = M->getSubExpr();
      else if (const auto *F = dyn_cast<FullExpr>(E))
        E = F->getSubExpr();
      else
        return nullptr;
    }
  }

  /// AwaitsLowered: S's awaits are lowered already (their values stand in
  /// the text): the temporaries around them are kept too, not those in
  /// their operands (the await's own lowering keeps those).
  void keepTemporariesIn(const Stmt *S, const Expr *Operand, Sequence &Seq,
                         bool AwaitsLowered = false) {
    if (!S || isa<LambdaExpr>(S) || isa<BinaryConditionalOperator>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && PointOfCall.count(Call))
      return;
    // Made whole in a slot already, with the temporaries it was made from.
    if (const auto *E = dyn_cast<Expr>(S); E && KeptTemporaries.count(E))
      return;
    // Of `a && b` and `c ? x : y`, only `a` and `c` are always evaluated.
    // A temporary made on the other side would need a flag to say whether
    // to destroy it: not done yet.
    // A temporary made on the other side is kept with a flag saying
    // whether it was made.
    if (const auto *C = dyn_cast<ConditionalOperator>(S)) {
      keepTemporariesIn(C->getCond(), Operand, Seq, AwaitsLowered);
      keepTemporariesMaybeMade(C->getTrueExpr(), Seq);
      keepTemporariesMaybeMade(C->getFalseExpr(), Seq);
      return;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isLogicalOp()) {
      keepTemporariesIn(B->getLHS(), Operand, Seq, AwaitsLowered);
      keepTemporariesMaybeMade(B->getRHS(), Seq);
      return;
    }
    // `Packet{...}`: the temporary's own node spans only the braces; the
    // cast spells it whole.
    const Expr *Spelled = dyn_cast<Expr>(S);
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(S)) {
      const Expr *Sub = Cast->getSubExpr();
      while (const auto *Implicit = dyn_cast<ImplicitCastExpr>(Sub))
        Sub = Implicit->getSubExpr();
      if (isa<CXXBindTemporaryExpr>(Sub))
        S = Sub; // kept below, spelled by the cast
    }
    for (const Stmt *Child : S->children())
      keepTemporariesIn(Child, Operand, Seq, AwaitsLowered);
    const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(S);
    if (!Bind || Bind == ownTemporary(Operand) || Bind->getType()->isDependentType() ||
        Bind->getBeginLoc().isMacroID() || (!AwaitsLowered && containsAwait(Bind)) ||
        KeptTemporaries.count(Bind))
      return;
    const CXXRecordDecl *RD = Bind->getType()->getAsCXXRecordDecl();
    if (!RD || RD->isLambda() || markerOf(Bind->getType()) != Marker::None)
      return;
    if (sourceText(Spelled->getSourceRange(), Ctx).rfind("{", 0) == 0)
      return; // a braced list whose type is written elsewhere: left alone
    std::string Type = typeName(Bind->getType().getUnqualifiedType(), Ctx);
    std::string Name = newTemp("kept", Type, true, "a temporary that lives across an await",
                               lineOf(Bind), Bind->getType());
    Seq.Pre += fmt::format("::new ({}.storage()) {}({});\n", Name, Type, exprText(Spelled)) +
               alive(Name, true);
    Seq.Cleanups.push_back(Name + ".destroy();\n" + alive(Name, false));
    // (As the left of a comma its value is discarded: std::move is nodiscard.)
    replaceExpr(Spelled, (isCommaLeft(Spelled) ? "(void)std::move(" : "std::move(") + Name +
                             ".ref())");
    KeptTemporaries.insert(Bind);
  }

  /// Is E (in parentheses or not) the left operand of a comma?
  bool isCommaLeft(const Expr *E) const {
    const Stmt *Child = E;
    for (;;) {
      auto Parents = Ctx.getParents(*Child);
      const auto *Parent = Parents.empty() ? nullptr : Parents[0].get<Expr>();
      if (const auto *P = dyn_cast_or_null<ParenExpr>(Parent)) {
        Child = P;
        continue;
      }
      const auto *B = dyn_cast_or_null<BinaryOperator>(Parent);
      return B && B->isCommaOp() && B->getLHS() == Child;
    }
  }

  /// The temporaries with destructors of a side of `?:`, `&&` or `||`
  /// (which may not run) before a later await of the statement: each is
  /// made in a slot of its own inside the expression, with a flag set
  /// beside it (`(::new (kept3_.storage()) Tr(Tr(1)), made4_.ref() = true,
  /// std::move(kept3_.ref()))`), and destroyed at the end of the statement
  /// if the flag says it was made.
  void keepTemporariesMaybeMade(const Stmt *S, Sequence &Seq) {
    if (!S || isa<LambdaExpr>(S) || isa<BinaryConditionalOperator>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && PointOfCall.count(Call))
      return;
    if (const auto *E = dyn_cast<Expr>(S); E && (KeptTemporaries.count(E) || containsAwait(E)))
      return;
    for (const Stmt *Child : S->children())
      keepTemporariesMaybeMade(Child, Seq);
    const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(S);
    if (!Bind || Bind->getType()->isDependentType() || Bind->getBeginLoc().isMacroID())
      return;
    const CXXRecordDecl *RD = Bind->getType()->getAsCXXRecordDecl();
    if (!RD || RD->isLambda() || markerOf(Bind->getType()) != Marker::None)
      return;
    // Spelled whole by a functional cast around it (`Packet{...}`).
    const Expr *Spelled = Bind;
    for (const Stmt *Up = Bind;;) {
      auto Parents = Ctx.getParents(*Up);
      const auto *Parent = Parents.empty() ? nullptr : Parents[0].get<Expr>();
      if (!Parent || !(isa<CXXFunctionalCastExpr>(Parent) || isa<ImplicitCastExpr>(Parent)))
        break;
      if (isa<CXXFunctionalCastExpr>(Parent))
        Spelled = Parent;
      Up = Parent;
    }
    if (sourceText(Spelled->getSourceRange(), Ctx).rfind("{", 0) == 0)
      return; // a braced list whose type is written elsewhere: left alone
    std::string Type = typeName(Bind->getType().getUnqualifiedType(), Ctx);
    std::string Made = newTemp("made", "bool", false, "whether the next temporary was made",
                               lineOf(Bind), Ctx.BoolTy);
    std::string Name = newTemp("kept", Type, true,
                               "a temporary that lives across an await, if it was made",
                               lineOf(Bind), Bind->getType());
    F.Temps.back().MadeFlag = Made;
    Seq.Pre += fmt::format("::new ({}.storage()) bool(false);\n", Made);
    std::string Alive = alive(Name, true);
    if (!Alive.empty())
      Alive = ", " + llvm::StringRef(Alive).rtrim().drop_back().str(); // as an expression
    replaceExpr(Spelled, fmt::format("(::new ({0}.storage()) {1}({2}), {3}.ref() = true{4}, "
                                     "std::move({0}.ref()))",
                                     Name, Type, exprText(Spelled), Made, Alive));
    Seq.Cleanups.push_back(fmt::format("if ({}.ref()) {{\n{}.destroy();\n{}}}\n", Made, Name,
                                       alive(Name, false)));
    KeptTemporaries.insert(Bind);
  }

  void rejectTemporaries(const Stmt *S, const CXXBindTemporaryExpr *Except) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && PointOfCall.count(Call))
      return;
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(S);
        Bind && Bind != Except && !KeptTemporaries.count(Bind) &&
        !Bind->getType()->isDependentType() && markerOf(Bind->getType()) == Marker::None) {
      fail(Bind->getBeginLoc(),
           "a temporary with a destructor made after an await inside a ?:, && or ||, before a "
           "later await of the same statement, is not supported yet; name it in a variable "
           "before the statement");
      return;
    }
    for (const Stmt *Child : S->children())
      rejectTemporaries(Child, Except);
  }

  /// Literals and the names of objects do not change while we wait: no need
  /// to keep them.
  bool needsKeeping(const Expr *E) const {
    const Expr *X = E->IgnoreParens();
    if (isa<CXXThisExpr>(X) || isa<IntegerLiteral>(X) || isa<FloatingLiteral>(X) ||
        isa<CharacterLiteral>(X) || isa<StringLiteral>(X) || isa<CXXBoolLiteralExpr>(X) ||
        isa<CXXNullPtrLiteralExpr>(X))
      return false;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(X))
      return !(isa<FunctionDecl>(Ref->getDecl()) || isa<EnumConstantDecl>(Ref->getDecl()) ||
               Ref->isLValue());
    // A lambda that captures nothing by copy (`apply([&](int v) {...},
    // await(f()))`): making it has no effect anyone can see, so it is made
    // after the awaits, where it is written (its closure type could not be
    // named by the state anyway; `keep` rejects one that copies).
    const Expr *Made = X->IgnoreImplicit();
    while (const auto *Ctor = dyn_cast<CXXConstructExpr>(Made)) {
      if (Ctor->getNumArgs() != 1 || !Ctor->getConstructor()->isCopyOrMoveConstructor())
        break;
      Made = Ctor->getArg(0)->IgnoreImplicit();
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Made))
      return llvm::any_of(Lambda->captures(), [](const LambdaCapture &C) {
        return C.getCaptureKind() == LCK_ByCopy || C.getCaptureKind() == LCK_StarThis;
      });
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(X))
      if (Cast->getCastKind() == CK_FunctionToPointerDecay ||
          Cast->getCastKind() == CK_ArrayToPointerDecay ||
          (Cast->getCastKind() == CK_NoOp && Cast->isGLValue())) // `f` as a `const F &`
        return needsKeeping(Cast->getSubExpr());
    return !X->isValueDependent() && X->isEvaluatable(Ctx) ? false : true;
  }

  /// Evaluates E now into a Temporary and returns the text that reads it.
  std::string keep(const Expr *E, const std::string &Text, Sequence &Seq) {
    const Expr *X = E;
    if (const auto *Full = dyn_cast<FullExpr>(X))
      X = Full->getSubExpr();
    // `Adder{}.add(await(x))` of a const member: the object is a
    // materialized temporary under a cast that only adds const.
    while (const auto *Cast = dyn_cast<ImplicitCastExpr>(X)) {
      if (Cast->getCastKind() != CK_NoOp ||
          !isa<MaterializeTemporaryExpr>(Cast->getSubExpr()->IgnoreImpCasts()))
        break;
      X = Cast->getSubExpr();
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(X))
      X = Bind->getSubExpr();
    bool Materialized = false;
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(X)) {
      X = MTE->getSubExpr(); // keep the temporary itself, not a pointer to it
      if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(X))
        X = Bind->getSubExpr();
      Materialized = true;
    }
    QualType T = X->getType();
    unsigned Line = lineOf(E);
    if (const LambdaFactory *Made = heldLambdaIn(X)) {
      // `poll_fn([&](Context &cx) {...})`: the closure, bound to poll_fn's
      // parameter, lives to the end of the statement; made by its factory.
      bool Trivial = T.isDestructedType() == QualType::DK_none;
      std::string Name = newTemp("kept", Made->Type, !Trivial,
                                 "a lambda the awaited future is made from", Line, T);
      Seq.Pre += fmt::format("::new ({}.storage()) {}({});\n", Name, Made->Type,
                             lambdaFactoryCall(*Made));
      if (!Trivial) {
        Seq.Pre += alive(Name, true);
        Seq.Cleanups.push_back(Name + ".destroy();\n" + alive(Name, false));
      }
      return "std::move(" + Name + ".ref())";
    }
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl(); RD && RD->isLambda()) {
      fail(E->getBeginLoc(), "a lambda that captures by copy, made before an await of the same "
                             "expression, is not supported yet (its type cannot be named); "
                             "name it in a variable before the statement");
      return Text;
    }
    // In a template, or of a type built on an input marker (`next(s)` is a
    // Next<Stream<int>> in the input, a Next<s's class> in the output):
    // name the type by the expression itself.
    if (T->isDependentType() || mentionsMarker(T) || mentionsLambda(T)) {
      if (containsLambda(X, nullptr, &F))
        fail(E->getBeginLoc(), "an operand holding a lambda, kept across an await, whose type is "
                               "spelled from the expression (C++17's decltype cannot hold a "
                               "lambda) is not supported yet; give it a variable of a spelled type "
                               "(`Async<T> f = ...;`) before the statement");
      std::string Type = "std::decay_t<decltype(" + declvalText(X, F, Ctx) + ")>";
      std::string Name = newTemp("kept", Type, true, "an operand evaluated before an await", Line);
      Seq.Pre += fmt::format("::new ({}.storage()) {}({});\n", Name, newExpressionType(Type),
                             Text) +
                 alive(Name, true);
      Seq.Cleanups.push_back(Name + ".destroy();\n" + alive(Name, false));
      return "std::move(" + Name + ".ref())";
    }
    if (X->isGLValue() && !Materialized) {
      std::string Name = newTemp("kept", typeName(Ctx.getPointerType(T), Ctx), false,
                                 "an operand evaluated before an await", Line,
                                 Ctx.getPointerType(T));
      Seq.Pre += fmt::format("::new ({}.storage()) auto(std::addressof({}));\n", Name,
                             oneArgument(Text));
      return X->isXValue() ? "std::move(*" + Name + ".ref())" : "(*" + Name + ".ref())";
    }
    bool Trivial = T.isDestructedType() == QualType::DK_none;
    std::string Name = newTemp("kept", typeName(T.getUnqualifiedType(), Ctx), !Trivial,
                               "an operand evaluated before an await", Line, T);
    Seq.Pre += fmt::format("::new ({}.storage()) {}({});\n", Name,
                           newExpressionType(typeName(T.getUnqualifiedType(), Ctx)), Text);
    if (!Trivial) {
      Seq.Pre += alive(Name, true);
      Seq.Cleanups.push_back(Name + ".destroy();\n" + alive(Name, false));
    }
    if (T->isRecordType() || Materialized)
      return "std::move(" + Name + ".ref())";
    return Name + ".ref()";
  }

  void replaceExpr(const Expr *E, const std::string &Text) {
    if (Text != exprText(E))
      RW.ReplaceText(chars(E->getSourceRange()), Text);
  }

  // ---- declarations of slots ---------------------------------------------

  /// Creates V in its slot: `::new (slot) T Init;` where Init is `(args)`,
  /// `{args}` or empty; a reference slot stores the address of Init's object.
  std::string construct(const Variable &V, const std::string &Init) const {
    std::string Storage = slotPath(F, V) + ".storage()";
    std::string Out = V.IsReference
                          ? fmt::format("::new ({}) auto(std::addressof{});\n", Storage, Init)
                          : fmt::format("::new ({}) {}{};\n", Storage,
                                        newExpressionType(V.SlotType), Init);
    if (V.needsDestroy())
      Out += alive(V.Name, true);
    return Out;
  }

  /// How poll names a variable: a slot through its binding (a reference
  /// kept in a slot is a pointer: `(*p)`), a local renamed in place by its
  /// new name.
  static std::string nameInPoll(const Variable &V) {
    return V.isSlot() && V.IsReference ? "(*" + V.Name + ")" : V.Name;
  }

  /// `make_add_lambda(total, (*p))`: each capture, as poll names it (an
  /// init-capture: its initializer).
  std::string lambdaFactoryCall(const LambdaFactory &Made) {
    // Made once: the lambda's text, initializers included, is then replaced.
    auto [It, New] = FactoryCalls.try_emplace(Made.Lambda);
    if (New)
      It->second = makeLambdaFactoryCall(Made);
    return It->second;
  }

  std::string makeLambdaFactoryCall(const LambdaFactory &Made) {
    std::string Args;
    unsigned InitCaptures = 0;
    // (An init-capture of this lambda: its initializer; one of the async
    // lambda this body belongs to is a variable like another.)
    auto OwnInitCapture = [&](const VarDecl *VD) {
      return llvm::any_of(Made.Lambda->captures(), [&](const LambdaCapture &C) {
        return C.capturesVariable() && C.getCapturedVar() == VD && Made.Lambda->isInitCapture(&C);
      });
    };
    for (const VarDecl *VD : Made.Args) {
      const bool Init = OwnInitCapture(VD);
      InitCaptures += Init;
      std::string Arg;
      if (Init) {
        lowerNames(VD->getInit());
        Arg = exprText(VD->getInit());
      } else if (const Variable *Captured = F.var(VD);
                 Captured && (Captured->isSlot() || Captured->RenamedInPlace)) {
        Arg = nameInPoll(*Captured);
      } else {
        Arg = VD->getName().str();
      }
      Args += (Args.empty() ? "" : ", ") + Arg;
    }
    std::string Self = F.Method && !Made.InClass.empty() ? F.SelfMember + "->" : "";
    if (InitCaptures == 0 || Made.Args.size() < 2)
      return Self + Made.Name + "(" + Args + ")";
    // A lambda initializes its captures in order; a call's arguments are
    // evaluated in no fixed order (g++ goes right to left): a braced list,
    // evaluated in order, makes them first.
    std::string Types;
    for (const std::string &T : Made.ParamTypes)
      Types += (Types.empty() ? "" : ", ") + T;
    return fmt::format("std::apply([&](auto &&...captures) {{ return {}{}("
                       "std::forward<decltype(captures)>(captures)...); }},\n"
                       "std::tuple<{}>{{{}}})",
                       Self, Made.Name, Types, Args);
  }

  std::string placementNew(const Variable &V) {
    const VarDecl *VD = V.Decl;
    const Expr *Init = VD->getInit();
    if (V.Factory.made())
      return construct(V, "(" + lambdaFactoryCall(V.Factory) + ")");
    if (V.DeclaredInPlace)
      // The lambda returns the object (guaranteed elision: made in place).
      return fmt::format("auto {} = stackless::detail::make_local([&] {{ return {}; }});\n"
                         "auto &{} = {}.ref();\n",
                         V.MemberName, exprText(Init), V.Name, V.MemberName);
    if (!Init)
      return construct(V, "");
    // `auto [a, b] = arr;` copies the array element by element.
    if (const auto *Loop = dyn_cast<ArrayInitLoopExpr>(Init->IgnoreImplicit());
        Loop && isa<DecompositionDecl>(VD)) {
      const Expr *Source = Loop->getCommonExpr()->getSourceExpr();
      lowerNames(Source);
      std::string Array = exprText(Source);
      // Named through its slot: poll binds names only to what the body's
      // statements name, and this use is hidden inside the copy loop.
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Source->IgnoreParenImpCasts()))
        if (const auto *SourceVar = dyn_cast<VarDecl>(Ref->getDecl()))
          if (const Variable *Kept = F.var(SourceVar); Kept && Kept->isSlot())
            Array = Kept->IsReference ? "(*" + slotPath(F, *Kept) + ".ref())"
                                      : slotPath(F, *Kept) + ".ref()";
      std::string Elements;
      for (uint64_t I = 0; I < Loop->getArraySize().getZExtValue(); ++I)
        Elements += fmt::format("{}{}[{}]", I ? ", " : "", Array, I);
      return construct(V, "{" + Elements + "}");
    }
    if (V.IsReference || VD->getInitStyle() == VarDecl::CInit) {
      std::string E = exprText(Init);
      if (!E.empty() && E.front() != '{' && VD->getType()->isArrayType())
        E = "{" + E + "}"; // `char buf[] = "hey"`: an array new takes no parentheses
      return construct(V, !E.empty() && E.front() == '{' && !V.IsReference ? E : "(" + E + ")");
    }
    // T x(args) or T x{args}: everything after the name.
    SourceLocation AfterName =
        Lexer::getLocForEndOfToken(VD->getLocation(), 0, SM, Ctx.getLangOpts());
    return construct(V, RW.getRewrittenText(chars(AfterName, declarationEnd(VD))));
  }

  /// The last token of a declarator with its initializer. Clang's range
  /// ends where the initializer's does, which for `B b(a);` converted by
  /// `operator B()` is `a`: for `(...)` and `{...}`, the closing one.
  SourceLocation declarationEnd(const VarDecl *VD) const {
    SourceLocation End = VD->getEndLoc();
    if (VD->getInitStyle() == VarDecl::CInit || !VD->getLocation().isFileID())
      return End;
    std::optional<Token> Open = Lexer::findNextToken(VD->getLocation(), SM, Ctx.getLangOpts());
    if (!Open || !Open->isOneOf(tok::l_paren, tok::l_brace))
      return End;
    tok::TokenKind Close = Open->is(tok::l_paren) ? tok::r_paren : tok::r_brace;
    int Depth = 0;
    for (std::optional<Token> T = Open; T; T = Lexer::findNextToken(T->getLocation(), SM,
                                                                      Ctx.getLangOpts())) {
      if (T->is(Open->getKind()))
        ++Depth;
      else if (T->is(Close) && --Depth == 0)
        return T->getLocation();
      else if (T->is(tok::eof))
        break;
    }
    return End;
  }

  /// A declaration statement with slots: placement new for each.
  /// `T name` for a declarator written again on its own: the type as
  /// written around the name (`int arr[2]`, `int *p`).
  std::string declaratorText(const VarDecl *VD, const Variable &V) {
    const std::string Name = V.RenamedInPlace ? V.Name : VD->getName().str();
    if (VD->getType()->isScalarType())
      return declarator(V.ValueType, Name);
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    VD->getType().print(OS, Ctx.getPrintingPolicy(), Name);
    return Out;
  }

  std::string declText(const DeclStmt *DS) {
    bool AnySlot = false, AnySplit = false;
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (const Variable *V = F.var(VD)) {
          AnySlot |= V->isSlot();
          AnySplit |= V->SplitInit;
        }
    if (!AnySlot && !AnySplit)
      return text(DS);
    // Declarator by declarator, in order: a slot is constructed in place; a
    // scalar that a resume jump passes is declared, then assigned (`int x =
    // e;` -> `int x; x = e;`: the declarators of one statement share its
    // position, so the jump passes all of them); anything else is declared
    // as written.
    std::string Out;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      const Variable *V = VD ? F.var(VD) : nullptr;
      if (V && V->isSlot()) {
        Out += fmt::format("// {}\n",
                           commentText(SourceRange(D->getBeginLoc(), declarationEnd(VD)), Ctx)) +
               placementNew(*V);
        continue;
      }
      const Expr *Init = VD ? VD->getInit() : nullptr;
      if (isa<TagDecl>(D)) {
        fail(DS->getBeginLoc(), "a variable declared together with its type (`struct P {...} "
                                "p;`), kept across a suspension, is not supported yet; declare "
                                "the type first");
        return text(DS);
      }
      if (!V || (Init && !V->SplitInit && VD->getInitStyle() != VarDecl::CInit)) {
        fail(DS->getBeginLoc(), "this declaration of several variables is not supported yet "
                                "here; declare one variable per statement");
        return text(DS);
      }
      std::string Name = V->RenamedInPlace ? V->Name : VD->getName().str();
      Out += declaratorText(VD, *V);
      if (V->SplitInit)
        Out += fmt::format(";\n{} = {};\n", Name, exprText(Init));
      else if (Init)
        Out += fmt::format(" = {};\n", exprText(Init));
      else
        Out += ";\n";
    }
    return Out;
  }

  // ---- the walk ---------------------------------------------------------

  /// A statement lowered into several is braced to stay one statement,
  /// except in a block and as an init-statement (`if (T x = await(f()); c)`):
  /// its variables belong to the scope of its if/switch/for, before which
  /// the lowering puts it (hoistedInit, lowerFor, lowerRangeFor).
  bool needsBraces(const Stmt *S, const Stmt *Parent) const {
    return !isa<CompoundStmt>(Parent) && initStatementOf(Parent) != S;
  }
  static const Stmt *initStatementOf(const Stmt *S) {
    if (const auto *For = dyn_cast<ForStmt>(S))
      return For->getInit();
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      return Range->getInit();
    return initOf(S);
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
      // Also when it does not suspend but its hidden range is a slot (it
      // has a destructor and lies inside the scope of a slot: Analysis).
      const auto *RangeDecl = dyn_cast_or_null<DeclStmt>(Range->getRangeStmt());
      const Variable *RangeVar =
          RangeDecl ? F.var(dyn_cast<VarDecl>(RangeDecl->getSingleDecl())) : nullptr;
      if (F.Suspending.count(S) || (RangeVar && RangeVar->isSlot())) {
        lowerRangeFor(Range, Parent);
        return;
      }
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      lowerNamesInLambda(Lambda);
      return;
    }
    if (const Variable *V = hoistedConditionVar(S)) {
      // Lowered with its statement (lowerConditionVar): only its initializer
      // here, and neither its declaration nor the condition that names it.
      lower(V->Decl->getInit(), S);
      Visited.insert(conditionVarDeclOf(S));
      Visited.insert(conditionOf(S));
    }
    bool IsLoop = isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<ForStmt>(S) || isa<CXXForRangeStmt>(S);
    if (IsLoop)
      Loops.push_back(S);
    const auto *Try = dyn_cast<CXXTryStmt>(S);
    if (Try) {
      // Only the try block: its handlers do not see its objects.
      Tries.push_back(Try);
      lower(Try->getTryBlock(), Try);
      Tries.pop_back();
    }
    if (const auto *Do = dyn_cast<DoStmt>(S))
      if (PointOf.count(Do))
        ContinueLabel[Do] = "continue_" + PointOf[Do].front()->StateName;
    if (const auto *For = dyn_cast<ForStmt>(S))
      if (For->getInc() && PointOf.count(For->getInc()))
        ContinueLabel[For] = "continue_" + PointOf[For->getInc()].front()->StateName;
    for (const Stmt *Child : S->children())
      lower(Child, S);
    if (IsLoop)
      Loops.pop_back();
    lowerNode(S, Parent);
  }

  /// A declaration statement lowered: its awaits first, then its variables.
  std::string declarationText(const DeclStmt *DS) {
    if (!PointOf.count(DS))
      return declText(DS);
    Sequence Seq = startSequence();
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (containsAwait(VD->getInit()))
          replaceExpr(VD->getInit(), anf(VD->getInit(), Seq));
    std::string New = declText(DS);
    if (!llvm::StringRef(New).rtrim().ends_with(";"))
      New += ";"; // a condition variable's declaration has none
    return Seq.Pre + New + "\n" + finish(Seq);
  }

  // ---- condition variables -------------------------------------------------
  // `if (T v = e)`, `switch`, `while` and `for` conditions declare a
  // variable. When it is kept in a slot or split (a resume jump passes it),
  // it is created before the statement tests it: `{ ::new (slot) T(e); if (v)
  // ... }`; a loop creates it at the top of each iteration and leaves when it
  // converts to false (a while loop's variable with a destructor ends each
  // iteration; in a for loop, whose increment still sees it, not supported
  // yet). An initializer that awaits is lowered as a declaration statement.

  static const VarDecl *conditionVarOf(const Stmt *S) {
    const DeclStmt *DS = conditionVarDeclOf(S);
    return DS ? cast<VarDecl>(DS->getSingleDecl()) : nullptr;
  }
  static const DeclStmt *conditionVarDeclOf(const Stmt *S) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return If->getConditionVariableDeclStmt();
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return Sw->getConditionVariableDeclStmt();
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return W->getConditionVariableDeclStmt();
    if (const auto *For = dyn_cast<ForStmt>(S))
      return For->getConditionVariableDeclStmt();
    return nullptr;
  }
  static const Expr *conditionOf(const Stmt *S) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return If->getCond();
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return Sw->getCond();
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return W->getCond();
    if (const auto *For = dyn_cast<ForStmt>(S))
      return For->getCond();
    return nullptr;
  }
  const Variable *hoistedConditionVar(const Stmt *S) const {
    const VarDecl *VD = conditionVarOf(S);
    const Variable *V = VD ? F.var(VD) : nullptr;
    bool Awaits = PointOf.count(conditionVarDeclOf(S)) != 0;
    return V && (V->isSlot() || V->SplitInit || Awaits) ? V : nullptr;
  }

  /// The condition variable's declaration as statements, and the name that
  /// tests it.
  std::pair<std::string, std::string> conditionVarParts(const Stmt *S, const Variable &V) {
    const VarDecl *VD = V.Decl;
    std::string Name = V.isSlot() ? nameInPoll(V) : VD->getName().str();
    const DeclStmt *DS = conditionVarDeclOf(S);
    if (PointOf.count(DS)) // it awaits: lowered as a declaration statement
      return {declarationText(DS), Name};
    std::string Decl = fmt::format("// {}\n", commentText(VD->getSourceRange(), Ctx));
    if (V.isSlot())
      Decl += placementNew(V);
    else
      Decl = declaratorText(VD, V) + fmt::format(";\n{} = {};\n", Name, exprText(VD->getInit()));
    return {Decl, Name};
  }

  /// The init-statement of an if/switch (`if (T x = e; c)`), taken out of
  /// the head to go before the statement when it awaits or declares a
  /// variable kept in a slot or split: C++ runs it first, and its variables
  /// live to the end of the statement either way.
  static const Stmt *initOf(const Stmt *S) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return If->getInit();
    if (const auto *Sw = dyn_cast<SwitchStmt>(S))
      return Sw->getInit();
    return nullptr;
  }
  bool initNeedsHoisting(const Stmt *S) const {
    if (const Stmt *Init = initOf(S); Init && PointOf.count(Init))
      return true;
    const auto *DS = dyn_cast_or_null<DeclStmt>(initOf(S));
    if (!DS)
      return false;
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (const Variable *V = F.var(VD); V && (V->isSlot() || V->SplitInit))
          return true;
    return false;
  }
  std::string hoistedInit(const Stmt *S) {
    const Stmt *Init = initOf(S);
    if (!Init)
      return "";
    std::string Text = text(Init) + "\n";
    RW.ReplaceText(fullRange(Init), "");
    return Text;
  }

  /// if/switch/while with a hoisted condition variable (for: lowerFor).
  void lowerConditionVar(const Stmt *S, const Variable &V) {
    std::string Init = hoistedInit(S);
    auto [Decl, Name] = conditionVarParts(S, V);
    Decl = Init + Decl;
    RW.ReplaceText(chars(V.Decl->getSourceRange()), Name);
    if (const auto *W = dyn_cast<WhileStmt>(S)) {
      // Each iteration ends its variable (a `continue` too: see the
      // analysis); leaving the loop, it is still alive and ends after it
      // (EndDestroys), as C++ destroys it when the test fails or on `break`.
      std::string End;
      if (V.needsDestroy() && !neverFallsThrough(W->getBody()))
        End = destroys({&V});
      replace(W, fmt::format("while (true) {{\n{}if (!static_cast<bool>({}))\n  break;\n{}\n{}}}",
                             Decl, Name, bodyText(W->getBody()), End));
      return;
    }
    replace(S, "{\n" + Decl + text(S) + "\n}");
  }

  // ---- lambdas --------------------------------------------------------------
  // A (non-async) lambda in the body is code of its own: its `return`,
  // `break` and declarations are not the async function's. Only the names it
  // uses are rewritten (a variable kept in a slot, the implicit `this` of a
  // member function); an implicit capture (`[&]`, `[=]`) has no name written
  // to rewrite, and an explicit `this` capture still captures the future's
  // `this`, through which the body reaches the object.
  //
  // An async lambda inside this body was lowered first: its body is now
  // its own generated class, which names the captures as the user did. A
  // captured variable that poll names differently (a slot renamed, or a
  // reference kept as a pointer) is then captured under its own name:
  // `[x]` -> `[x = x_1]`, `[&x]` -> `[&x = x_1]`, and `[=]`/`[&]` get such a
  // capture added for each one the body uses.
  void lowerNamesInLambda(const LambdaExpr *Lambda) {
    if (const LambdaFactory *Made = F.heldLambda(Lambda)) {
      // Written in an awaited future's expression: made by its factory.
      RW.ReplaceText(chars(Lambda->getSourceRange()), lambdaFactoryCall(*Made));
      return;
    }
    const bool Async = markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None;
    std::string Added; // implicit captures made explicit (async lambdas)
    for (const LambdaCapture &C : Lambda->captures()) {
      if (Async && C.capturesThis() && !F.SelfType.empty()) {
        fail(C.getLocation(), "an async lambda capturing `this` inside an async member function "
                              "is not supported yet; capture the object by reference instead");
        continue;
      }
      if (!C.capturesVariable() || (!Async && !C.isExplicit()))
        continue;
      const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!VD)
        continue;
      if (Lambda->isInitCapture(&C)) {
        lowerNames(VD->getInit());
        continue;
      }
      const Variable *V = F.var(VD);
      if (V && V->MadeStatic && C.isExplicit()) {
        // A static local is not captured: `[cv]` -> `[cv = cv]`, a copy.
        RW.InsertTextAfterToken(C.getLocation(), " = " + VD->getName().str());
        continue;
      }
      if (!V || !V->isSlot())
        continue;
      if (!Async) {
        // `[x]` or `[&x]` of a variable kept in a slot: captured under the
        // name the body uses. (A reference kept in a slot is a pointer: `[r]`
        // then captures the pointer, and the body reads through it.)
        if (V->Name != VD->getName())
          RW.ReplaceText(chars(C.getLocation(), C.getLocation()), V->Name);
        continue;
      }
      if (V->Name == VD->getName() && !V->IsReference)
        continue;
      std::string Capture =
          VD->getName().str() + " = " + (V->IsReference ? "*" + V->Name : V->Name);
      if (C.isExplicit())
        RW.ReplaceText(chars(C.getLocation(), C.getLocation()), Capture);
      else
        Added += ", " + std::string(C.getCaptureKind() == LCK_ByRef ? "&" : "") + Capture;
    }
    if (!Async)
      lowerNames(Lambda->getBody());
    else if (!Added.empty())
      RW.InsertTextBefore(Lambda->getIntroducerRange().getEnd(), Added);
  }

  /// The renaming rewrites of lowerNodeItself, in everything under S.
  void lowerNames(const Stmt *S) {
    if (!S || !Visited.insert(S).second)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      lowerNamesInLambda(Lambda);
      return;
    }
    for (const Stmt *Child : S->children())
      lowerNames(Child);
    if (isa<DeclRefExpr>(S) || isa<CXXThisExpr>(S) || isa<MemberExpr>(S))
      lowerNodeItself(S, nullptr);
  }

  void lowerNode(const Stmt *S, const Stmt *Parent) {
    lowerNodeItself(S, Parent);
    // A statement that is a scope of its own (`if (c) std::string s(...);`,
    // an if/while/switch with a variable in its head) ends its slots after
    // itself. Compound statements and for loops do this themselves.
    if (isa<CompoundStmt>(S) || isa<ForStmt>(S) || isa<CXXForRangeStmt>(S))
      return;
    // A range-for's body without braces: the loop variable's scope, which
    // lowerRangeFor ends after it.
    if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Parent); Range && Range->getBody() == S)
      return;
    auto It = F.EndDestroys.find(S);
    if (It == F.EndDestroys.end())
      return;
    replace(S, "{\n" + text(S) + "\n" + destroys(It->second) + "}");
  }

  /// A statement whose end is unreachable: a jump, a throw, or a block or
  /// if/else whose every way out is one. (A syntactic check, as g++'s
  /// -Wimplicit-fallthrough makes it; the CFG would also know about
  /// noreturn calls, which we need not.)
  static bool neverFallsThrough(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *E = dyn_cast<Expr>(S)) // `throw f();` has cleanups around it
      S = E->IgnoreImplicit();
    if (isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<ReturnStmt>(S) || isa<GotoStmt>(S) ||
        isa<CXXThrowExpr>(S))
      return true;
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return !CS->body_empty() && neverFallsThrough(CS->body_back());
    if (const auto *If = dyn_cast<IfStmt>(S))
      return If->getElse() && neverFallsThrough(If->getThen()) &&
             neverFallsThrough(If->getElse());
    return false;
  }

  /// The body of a member function moves out of its class into the
  /// generated one: a name found by class-scope lookup (a static member, an
  /// enumerator, a nested type, also in a qualifier: `kMax`, `Fast`,
  /// `Mode::Fast`, `Part{1}`) gets its class written before it.
  ///
  /// So is an async lambda's written in a member function: its class goes
  /// inside the lambda, or before the enclosing function's class
  /// (HoistedLambdas.h), out of the member's class either way when that
  /// function is lowered too. (Qualified, a name means the same anywhere.)
  const CXXMethodDecl *homeMethod() const {
    const FunctionDecl *Home = F.Lambda ? outermostFunction(F.Lambda) : F.Decl;
    return dyn_cast_or_null<CXXMethodDecl>(Home);
  }
  bool inMemberFunction() const { return homeMethod() != nullptr; }

  /// The class to write before a qualifier's first name, if it is nested.
  static const DeclContext *homeOfQualifier(NestedNameSpecifierLoc Q, SourceLocation &At) {
    NestedNameSpecifierLoc First = Q;
    while (First.getPrefix())
      First = First.getPrefix();
    const Type *T = First.getNestedNameSpecifier()->getAsType();
    const NamedDecl *D = T ? static_cast<const NamedDecl *>(T->getAsTagDecl()) : nullptr;
    if (const auto *TD = T ? T->getAs<TypedefType>() : nullptr)
      D = TD->getDecl();
    if (!D)
      return nullptr;
    At = First.getBeginLoc();
    return D->getDeclContext();
  }

  void qualifyAt(const DeclContext *Home, SourceLocation At) {
    const auto *Record = dyn_cast_or_null<CXXRecordDecl>(Home);
    if (!Record || Record->isLambda() || Record->isLocalClass() || At.isInvalid() ||
        At.isMacroID())
      return;
    // Only what class-scope lookup from the member function finds: its
    // class, a class enclosing it, or a base.
    const CXXRecordDecl *Own = homeMethod()->getParent();
    if (Record != Own && !Record->Encloses(Own) &&
        !(Own->hasDefinition() && Own->isDerivedFrom(Record)))
      return;
    // Rewrites the token (not an insertion before it), so that the text of
    // an enclosing expression read back later includes it.
    std::string Token = RW.getRewrittenText(chars(At, At));
    RW.ReplaceText(chars(At, At), typeName(Ctx.getRecordType(Record), Ctx) + "::" + Token);
  }

  /// A namespace-scope type or function whose name the generated class
  /// also declares: written fully qualified (`::States`).
  void qualifyHidden(const NamedDecl *D, SourceLocation At) {
    if (!D || !D->getIdentifier() || !isGeneratedMemberName(D->getName()) || At.isInvalid() ||
        At.isMacroID() || !D->getDeclContext()->getRedeclContext()->isFileContext())
      return;
    std::string Token = RW.getRewrittenText(chars(At, At));
    RW.ReplaceText(chars(At, At), "::" + namespaceQualifier(D->getDeclContext()) + Token);
  }

  /// `using Num = int;` in the body: a variable kept in a slot is declared
  /// with the type it names, which may leave it unused (-Wunused-local-typedefs).
  void markLocalAliases(const Stmt *Body) {
    struct Visitor : RecursiveASTVisitor<Visitor> {
      Lowerer &L;
      explicit Visitor(Lowerer &L) : L(L) {}
      bool VisitTypedefNameDecl(TypedefNameDecl *D) {
        if (D->getLocation().isMacroID() || D->getBeginLoc().isMacroID() ||
            !D->getDeclContext()->isFunctionOrMethod())
          return true;
        if (isa<TypeAliasDecl>(D)) // `using Num [[maybe_unused]] = int;`
          L.RW.InsertTextAfterToken(D->getLocation(), " [[maybe_unused]]");
        else
          L.RW.InsertTextBefore(D->getBeginLoc(), "[[maybe_unused]] ");
        return true;
      }
    } V(*this);
    V.TraverseStmt(const_cast<Stmt *>(Body));
  }

  /// Types written in the body (`Part p;`, `Part{1}`, `static_cast<Mode>(x)`).
  void qualifyClassScopeTypes(const Stmt *Body) {
    struct Visitor : RecursiveASTVisitor<Visitor> {
      Lowerer &L;
      std::set<const void *> Done;
      explicit Visitor(Lowerer &L) : L(L) {}
      bool VisitElaboratedTypeLoc(ElaboratedTypeLoc TL) {
        if (!Done.insert(TL.getOpaqueData()).second)
          return true;
        SourceLocation At;
        const DeclContext *Home = nullptr;
        if (NestedNameSpecifierLoc Q = TL.getQualifierLoc()) {
          Home = homeOfQualifier(Q, At);
        } else {
          QualType Named = TL.getTypePtr()->getNamedType();
          const NamedDecl *D = Named->getAsTagDecl();
          if (const auto *TD = Named->getAs<TypedefType>())
            D = TD->getDecl();
          if (const auto *TST = Named->getAs<TemplateSpecializationType>())
            D = TST->getTemplateName().getAsTemplateDecl();
          if (D) {
            Home = D->getDeclContext();
            At = TL.getNamedTypeLoc().getBeginLoc();
            L.qualifyHidden(D, At);
          }
        }
        if (L.inMemberFunction())
          L.qualifyAt(Home, At);
        return true;
      }
      // `decltype(n)` of a variable kept in a slot: poll names it through a
      // reference (`auto &n = n_.ref();`), which decltype would see; the
      // declared type is written instead (`decltype((n))`: a reference to it).
      bool VisitDecltypeTypeLoc(DecltypeTypeLoc TL) {
        const Expr *E = TL.getUnderlyingExpr();
        bool Parenthesized = isa<ParenExpr>(E);
        const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
        // `decltype(b)` of a structured binding whose object is kept: poll
        // has no name b (it reads `std::get<1>(bindings0)`); the binding's
        // declared type is written.
        if (const auto *Binding = Ref ? dyn_cast<BindingDecl>(Ref->getDecl()) : nullptr) {
          const auto *Holder = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
          const Variable *HV = Holder ? L.F.var(Holder) : nullptr;
          if (HV && HV->isSlot() && !Binding->getType()->isDependentType() &&
              !TL.getBeginLoc().isMacroID()) {
            std::string Type = typeName(Binding->getType(), L.Ctx);
            if (Parenthesized)
              Type = "std::add_lvalue_reference_t<" + Type + ">";
            L.RW.ReplaceText(L.chars(TL.getBeginLoc(), TL.getEndLoc()), Type);
          }
          return true;
        }
        const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        const Variable *V = VD ? L.F.var(VD) : nullptr;
        if (!V || !V->isSlot() || TL.getBeginLoc().isMacroID() || !Done.insert(VD).second)
          return true;
        std::string Type = VD->getType()->isReferenceType() ? typeName(VD->getType(), L.Ctx)
                                                            : V->ValueType;
        if (Parenthesized)
          Type = "std::add_lvalue_reference_t<" + Type + ">";
        L.RW.ReplaceText(L.chars(TL.getBeginLoc(), TL.getEndLoc()), Type);
        Done.erase(VD);
        return true;
      }
    } V(*this);
    V.TraverseStmt(const_cast<Stmt *>(Body));
  }

  void qualifyClassScopeName(const DeclRefExpr *Ref) {
    if (!Ref->getQualifierLoc() && isa<FunctionDecl>(Ref->getDecl()) &&
        !isa<CXXMethodDecl>(Ref->getDecl()))
      qualifyHidden(Ref->getDecl(), Ref->getBeginLoc()); // `poll(3)` of the user's
    if (!inMemberFunction())
      return;
    const DeclContext *Home = nullptr;
    SourceLocation At;
    if (NestedNameSpecifierLoc Q = Ref->getQualifierLoc()) {
      Home = homeOfQualifier(Q, At);
    } else {
      const ValueDecl *D = Ref->getDecl();
      const auto *M = dyn_cast<CXXMethodDecl>(D);
      bool ClassMember = isa<EnumConstantDecl>(D) || (M && M->isStatic()) ||
                         (isa<VarDecl>(D) && cast<VarDecl>(D)->isStaticDataMember());
      if (!Ref->getNameInfo().getName().isIdentifier())
        return; // an operator's implicit callee (`it->second`)
      if (!ClassMember)
        return;
      Home = D->getDeclContext();
      if (const auto *Enum = dyn_cast<EnumDecl>(Home))
        Home = Enum->isScoped() ? nullptr : Enum->getDeclContext();
      At = Ref->getBeginLoc();
    }
    qualifyAt(Home, At);
  }

  /// `self->` before a member the body reaches through its implicit `this`.
  /// Template: it names a member template with arguments (`as<long>()`),
  /// which after `self->` in a template needs the `template` keyword.
  void throughSelf(SourceLocation First, bool Template = false) {
    if (F.SelfType.empty() || First.isMacroID())
      return;
    std::string Tok = RW.getRewrittenText(chars(First, First));
    RW.ReplaceText(chars(First, First), F.SelfMember + (Template ? "->template " : "->") + Tok);
  }


  void lowerNodeItself(const Stmt *S, const Stmt *Parent) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      qualifyClassScopeName(Ref);
      if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl())) {
        lowerBindingRef(Ref, Binding);
        return;
      }
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      const Variable *V = VD ? F.var(VD) : nullptr;
      if (!V || (!V->isSlot() && !V->RenamedInPlace))
        return;
      // A name written as a macro argument is renamed where it is written.
      SourceLocation Loc = Ref->getLocation();
      if (Loc.isMacroID()) {
        if (!SM.isMacroArgExpansion(Loc))
          return;
        Loc = SM.getSpellingLoc(Loc);
      }
      std::string Name = nameInPoll(*V);
      if (Name != VD->getName())
        RW.ReplaceText(chars(Loc, Loc), Name);
      return;
    }
    if (const auto *This = dyn_cast<CXXThisExpr>(S)) {
      if (!This->isImplicit() && !F.SelfType.empty())
        RW.ReplaceText(chars(This->getLocation(), This->getLocation()), F.SelfMember);
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      if (Member->isImplicitAccess() && isa<CXXThisExpr>(Member->getBase()->IgnoreImpCasts()))
        throughSelf(Member->getBeginLoc());
      return;
    }
    // In a template: a member named without `this->` whose lookup waits for
    // the instantiation (`scale(x)` of a dependent x; `Base<T>::value` of a
    // dependent base).
    if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(S)) {
      if (Member->isImplicitAccess())
        throughSelf(Member->getBeginLoc(), Member->hasExplicitTemplateArgs());
      return;
    }
    if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(S)) {
      if (Member->isImplicitAccess())
        throughSelf(Member->getBeginLoc());
      return;
    }
    if (const auto *Ref = dyn_cast<DependentScopeDeclRefExpr>(S)) {
      if (namesBaseMember(Ref, F)) // (`self->Base<T>::value` reads it, static or not)
        throughSelf(Ref->getBeginLoc());
      return;
    }
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      lowerTry(Try);
      return;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      lineDirectives(CS);
      separateGuardedStatements(CS);
      auto It = F.EndDestroys.find(CS);
      // A block that ends in a jump never reaches its end (and code there
      // would read as a fall-through into the next case label).
      bool EndsInJump = !CS->body_empty() && neverFallsThrough(CS->body_back());
      // Inserted inside the braces, so that reading the block's range back
      // includes it.
      if (It != F.EndDestroys.end() && !EndsInJump)
        RW.InsertTextBefore(CS->getRBracLoc(), "\n" + destroys(It->second));
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      if (const auto *Tag = DS->isSingleDecl() ? dyn_cast<TagDecl>(DS->getSingleDecl()) : nullptr;
          Tag && std::find(F.HoistedTypes.begin(), F.HoistedTypes.end(), Tag) !=
                     F.HoistedTypes.end()) {
        replace(DS, fmt::format("// ({} {}: declared in the generated class, whose state keeps "
                                "objects of it)",
                                Tag->getKindName().str(), Tag->getName().str()));
        return;
      }
      std::string New = declarationText(DS);
      if (!PointOf.count(DS)) {
        if (New != text(DS))
          replace(DS, New);
        return;
      }
      replace(S, needsBraces(S, Parent) ? "{\n" + New + "}" : New);
      return;
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      lowerReturn(Ret, Parent);
      return;
    }
    if (isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
      std::string Jump = isa<BreakStmt>(S) ? "break;" : "continue;";
      if (isa<ContinueStmt>(S) && !Loops.empty())
        if (auto It = ContinueLabel.find(Loops.back()); It != ContinueLabel.end()) {
          Jump = "goto " + It->second + ";";
          ContinueUsed.insert(Loops.back());
        }
      auto It = F.ExitDestroys.find(S);
      std::string Destroy = It == F.ExitDestroys.end() ? "" : destroys(It->second);
      if (!Destroy.empty() || Jump.front() == 'g')
        replace(S, "{\n" + Destroy + Jump + "\n}");
      return;
    }
    if (!isa<ForStmt>(S))
      if (const Variable *V = hoistedConditionVar(S)) {
        lowerConditionVar(S, *V);
        return;
      }
    if (initNeedsHoisting(S) && !PointOf.count(S)) {
      std::string Init = hoistedInit(S);
      replace(S, "{\n" + Init + text(S) + "\n}");
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      // `if constexpr` outside a template, around a suspension point: a
      // resume jump may not enter its branches; without `constexpr` it
      // means the same there (both branches are checked either way).
      if (If->isConstexpr() && (suspends(If->getThen()) || suspends(If->getElse())))
        if (std::optional<Token> Word =
                Lexer::findNextToken(If->getIfLoc(), SM, Ctx.getLangOpts());
            Word && Word->is(tok::raw_identifier) && Word->getRawIdentifier() == "constexpr" &&
            Word->getLocation().isFileID()) {
          unsigned Length = Word->getLength();
          if (SM.getCharacterData(Word->getLocation())[Length] == ' ')
            ++Length; // and the space after it
          RW.ReplaceText(CharSourceRange::getCharRange(Word->getLocation(),
                                                       Word->getLocation().getLocWithOffset(Length)),
                         "");
        }
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
      if (isa<CompoundStmt>(Parent) || isa<SwitchCase>(Parent) || isa<IfStmt>(Parent) ||
          isa<WhileStmt>(Parent) || isa<DoStmt>(Parent) || isa<ForStmt>(Parent) ||
          isa<CXXForRangeStmt>(Parent) || isa<LabelStmt>(Parent))
        if (PointOf.count(E) && !isCondition(E, Parent)) {
          std::string New = expressionStatement(E);
          replace(E, needsBraces(E, Parent) ? "{\n" + New + "}" : New);
        }
      return;
    }
  }

  /// An expression that awaits, lowered as a statement of its own.
  std::string expressionStatement(const Expr *E) {
    Sequence Seq = startSequence();
    std::string Value = anf(E, Seq);
    std::string New = Seq.Pre;
    if (!Value.empty() && Value != "void()")
      New += Value + ";\n";
    return New + finish(Seq);
  }

  /// `a` of `auto [a, b] = e;` when e's hidden variable is a slot: the
  /// binding is spelled out as what it names.
  void lowerBindingRef(const DeclRefExpr *Ref, const BindingDecl *Binding) {
    const auto *Decomposed = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
    const Variable *V = Decomposed ? F.var(Decomposed) : nullptr;
    if (!V || !V->isSlot())
      return;
    std::string Whole = nameInPoll(*V);
    unsigned Index = 0;
    for (const BindingDecl *B : cast<DecompositionDecl>(Decomposed)->bindings()) {
      if (B == Binding)
        break;
      ++Index;
    }
    std::string Text;
    QualType T = Decomposed->getType().getNonReferenceType();
    if (T->isArrayType()) {
      Text = fmt::format("{}[{}]", Whole, Index);
    } else if (const VarDecl *Holding = Binding->getHoldingVar()) {
      // Tuple-like: the `get` C++ calls, a member or a function found by
      // ADL (`std::get`, `ns::get`).
      const Expr *Get = Holding->getInit() ? Holding->getInit()->IgnoreImplicit() : nullptr;
      const auto *Call = dyn_cast_or_null<CallExpr>(Get);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (isa_and_nonnull<CXXMemberCallExpr>(Get))
        Text = fmt::format("{}.template get<{}>()", Whole, Index);
      else if (Callee)
        Text = fmt::format("{}<{}>({})", Callee->getQualifiedNameAsString(), Index, Whole);
      else
        Text = fmt::format("std::get<{}>({})", Index, Whole);
    } else if (const auto *Member = dyn_cast_or_null<MemberExpr>(
                   Binding->getBinding() ? Binding->getBinding()->IgnoreImplicit() : nullptr)) {
      Text = fmt::format("{}.{}", Whole, Member->getMemberDecl()->getName().str());
    } else {
      fail(Ref->getLocation(), "this structured binding kept across await is not "
                               "supported yet");
      return;
    }
    RW.ReplaceText(chars(Ref->getLocation(), Ref->getLocation()), Text);
  }

  /// A try block that holds suspension points: a resume enters it through
  /// a label just before it (a jump may not enter a try block) and dispatches
  /// again inside. Its handlers first destroy what the block had alive
  /// (unwinding destroys ordinary locals; slots are ours to destroy).
  void lowerTry(const CXXTryStmt *Try) {
    std::vector<size_t> Inside = TrackedInTry[Try];
    SourceRange Block = Try->getTryBlock()->getSourceRange();
    for (size_t I = 0; I < F.Vars.size(); ++I) {
      const Variable &V = F.Vars[I];
      if (V.needsDestroy() && !V.IsParam &&
          SM.isPointWithin(V.Decl->getLocation(), Block.getBegin(), Block.getEnd()))
        for (size_t T = 0; T < F.TrackedObjects.size(); ++T)
          if (F.TrackedObjects[T].LiveName == V.Name)
            Inside.push_back(T);
    }
    std::sort(Inside.begin(), Inside.end());
    std::string Unwind;
    for (auto It = Inside.rbegin(); It != Inside.rend(); ++It) {
      const auto &T = F.TrackedObjects[*It];
      Unwind += fmt::format("if ({0}.{1}) {{\n{2}.destroy();\n{0}.{1} = false;\n}}\n", F.LiveMember,
                            T.LiveName, T.Path);
    }
    if (!Unwind.empty()) {
      // An exception leaving the try block destroys what it had alive, in
      // flight (rethrown by a catch-all inside it), before the handlers run.
      RW.InsertTextAfterToken(Try->getTryBlock()->getLBracLoc(), "\ntry {");
      RW.InsertTextBefore(
          Try->getTryBlock()->getRBracLoc(),
          "} catch (...) {\n"
          "// Unwinding leaves the try block: destroy what it had alive.\n"
          "stackless::detail::ScopeExit unwind{[&]() noexcept {\n" +
              Unwind + "}};\nthrow;\n}\n");
    }
    auto Entry = F.TryEntry.find(Try);
    if (Entry == F.TryEntry.end())
      return;
    std::string Dispatch =
        fmt::format("\nif ({}) {{\nswitch ({}) {{\n", F.ResumingFlag, F.StateMember);
    for (const SuspendPoint &P : F.Points) {
      auto Pos = std::find(P.Tries.begin(), P.Tries.end(), Try);
      if (Pos == P.Tries.end())
        continue;
      auto Next = std::next(Pos);
      Dispatch += fmt::format("case State::{}:\n  goto {};\n", P.StateName,
                              Next == P.Tries.end() ? P.StateName : F.TryEntry[*Next]);
    }
    Dispatch += fmt::format("default:\n  stackless::detail::bad_resume_into_try(\"{}\");\n}}\n}}\n",
                            F.Name);
    RW.InsertTextAfterToken(Try->getTryBlock()->getLBracLoc(), Dispatch);
    RW.InsertTextBefore(Try->getBeginLoc(), Entry->second + ":\n");
  }

  /// `#line N "file"` before each statement of a block (after the
  /// statement itself was lowered, so it also covers its await sequence).
  void lineDirectives(const CompoundStmt *CS) {
    if (!LineDirectives)
      return;
    for (const Stmt *Child : CS->body()) {
      SourceLocation Loc = SM.getExpansionLoc(Child->getBeginLoc());
      RW.InsertTextBefore(Child->getBeginLoc(),
                          fmt::format("\n#line {} \"{}\"\n", SM.getSpellingLineNumber(Loc),
                                      SM.getFilename(Loc).str()));
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

  void lowerReturn(const ReturnStmt *Ret, const Stmt *Parent) {
    Sequence Seq = startSequence();
    const Expr *Value = Ret->getRetValue();
    std::string V = Value ? (PointOf.count(Ret) ? anf(Value, Seq) : exprText(Value)) : "";
    std::string Out = Seq.Pre;
    auto It = F.ExitDestroys.find(Ret);
    // The value first, then the full-expression's temporaries, the locals
    // and the parameters, as C++ does.
    std::string Cleanup =
        finish(Seq) + (It == F.ExitDestroys.end() ? "" : destroys(It->second));
    if (F.ReturnsVoid) {
      if (Value && !V.empty() && V != "void()")
        Out += V + ";\n";
      Out += Cleanup + returned() + "return " + F.complete("") + ";\n";
    } else if (Value) {
      // The conversion to the declared Async<T> (or Generator<Y, R>) is not
      // in the output.
      const Expr *Made = Value->IgnoreImplicit();
      if (const auto *Conv = dyn_cast<CXXConstructExpr>(Made))
        if (markerOf(Conv->getType()) != Marker::None && Conv->getNumArgs() == 1) {
          Made = Conv->getArg(0);
          // The marker's constructor taking a T by value: the copy (or move)
          // of the argument into it is not in the output either.
          if (const auto *Copy = dyn_cast<CXXConstructExpr>(Made->IgnoreImplicit()))
            if (Copy->getConstructor()->isCopyOrMoveConstructor() && Copy->getNumArgs() == 1)
              Made = Copy->getArg(0);
        }
      // `return local;` moves, as C++ does.
      const Expr *Bare = Made->IgnoreImplicit()->IgnoreParens();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Bare))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          if (VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
              (VD->getType()->isRecordType() || VD->getType()->isDependentType()))
            V = "std::move(" + V + ")"; // (a scalar's copy is its move)
      std::string Ready = F.complete(V);
      // If making the value throws, the future must not read as Returned.
      if (Cleanup.empty() && !mayThrow(Made)) {
        Out += returned() + "return " + Ready + ";\n";
      } else {
        Out += fmt::format("{} {} = {};\n", F.stepType(), F.ResultLocal, Ready);
        Out += Cleanup + returned() + "return " + F.ResultLocal + ";\n";
      }
    }
    replace(Ret, "{\n" + Out + "}");
    (void)Parent;
  }

  /// Could evaluating S throw, apart from its awaits (which run before)? A
  /// conservative check by hand: the consumer has no Sema (Sema::canThrow).
  bool mayThrow(const Stmt *S) const {
    if (!S)
      return false;
    auto Nothrow = [](const FunctionDecl *FD) {
      const auto *Proto = FD ? FD->getType()->getAs<FunctionProtoType>() : nullptr;
      return Proto && Proto->isNothrow();
    };
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (PointOfCall.count(Call))
        return false;
      if (!Nothrow(Call->getDirectCallee()))
        return true;
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(S)) {
      if (!Ctor->getConstructor()->isTrivial() && !Nothrow(Ctor->getConstructor()))
        return true;
    } else if (isa<CXXNewExpr>(S) || isa<CXXThrowExpr>(S) || isa<CXXDynamicCastExpr>(S) ||
               isa<CXXTypeidExpr>(S)) {
      return true;
    }
    for (const Stmt *Child : S->children())
      if (mayThrow(Child))
        return true;
    return false;
  }

  std::string condVar(const SuspendPoint &P) const {
    return "condition" + std::to_string(P.Index - 1);
  }

  /// if/switch whose condition awaits: evaluate it into a variable first.
  void lowerCondition(const Stmt *S, const Expr *Cond, const Stmt *Parent) {
    const SuspendPoint &P = *PointOf[S].front();
    std::string Type = isa<IfStmt>(S) ? "bool" : typeName(Cond->getType(), Ctx);
    std::string Out = hoistedInit(S);
    Sequence Seq = startSequence();
    std::string CondText = anf(Cond, Seq);
    Out += Seq.Pre;
    // Declared without initializer: resume jumps may cross it.
    Out += fmt::format("{} {};\n{} = {}({});\n", Type, condVar(P), condVar(P),
                       isa<IfStmt>(S) ? "static_cast<bool>" : "", CondText);
    Out += finish(Seq);
    // The statement with its condition replaced.
    std::string Whole = text(S);
    std::string Head = isa<IfStmt>(S) ? "if" : "switch";
    SourceLocation RParen =
        isa<IfStmt>(S) ? cast<IfStmt>(S)->getRParenLoc() : cast<SwitchStmt>(S)->getRParenLoc();
    std::string Rest = RW.getRewrittenText(
        CharSourceRange::getCharRange(RParen.getLocWithOffset(1), fullRange(S).getEnd()));
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
    Sequence Seq = startSequence();
    std::string CondText = anf(Cond, Seq);
    std::string Out = "{\n" + Seq.Pre;
    Out += fmt::format("bool {};\n{} = static_cast<bool>({});\n", condVar(P), condVar(P), CondText);
    Out += finish(Seq);
    Out += fmt::format("if (!{})\n  break;\n}}\n", condVar(P));
    return Out;
  }

  std::string bodyText(const Stmt *Body) { return text(Body); }

  // ---- loop rotation ------------------------------------------------------
  // A loop that suspends in its body is resumed by a jump into the body, so
  // compilers see its shape only after inlining and jump threading, too late
  // to rotate it themselves: left as `for (; c; inc) body`, g++ lays out the
  // test at the top and a jump back to it, two taken branches per iteration
  // where a hand-written state machine has one (T3 in docs/performance.md).
  // The lowering rotates it as a compiler would, the test repeated at the
  // bottom:
  //     if (c) do body while ((void)inc, c);
  // `continue` in a do-while goes to its condition, so it still runs `inc`
  // and then the test. Only when the condition can be written twice: it
  // declares no variable, holds no suspension point, and no lambda or
  // statement expression (each copy would be a distinct entity).

  static constexpr const char *RotatedNote = "// (rotated: the loop's test is also at its bottom)\n";

  static bool duplicable(const Stmt *S) {
    if (!S)
      return true;
    if (isa<LambdaExpr>(S) || isa<StmtExpr>(S) || isa<BlockExpr>(S))
      return false;
    for (const Stmt *Child : S->children())
      if (!duplicable(Child))
        return false;
    return true;
  }

  bool rotatable(const Stmt *Loop, const Expr *Cond) const {
    // `while (true)` has no test to move.
    bool Constant = Cond && !Cond->isValueDependent() && Cond->isEvaluatable(Ctx);
    return Cond && !Constant && F.Suspending.count(Loop) && !PointOf.count(Loop) &&
           duplicable(Cond);
  }

  /// `if (Cond) do Body while ((void)Inc, Cond);`
  std::string rotatedLoop(const std::string &Cond, const Expr *Inc, const std::string &IncText,
                          const std::string &Body) {
    std::string Test = Cond;
    if (Inc) {
      // `++i` needs no parentheses after the cast; `i += 2` does.
      const Expr *E = Inc->IgnoreImplicit();
      bool Simple = isa<UnaryOperator>(E) || isa<DeclRefExpr>(E) || isa<CallExpr>(E);
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
        Simple = Op->getOperator() == OO_PlusPlus || Op->getOperator() == OO_MinusMinus;
      Test = fmt::format(Simple ? "(void){}, {}" : "(void)({}), {}", IncText, Cond);
    }
    return fmt::format("{}if ({}) do {} while ({});", RotatedNote, Cond, Body, Test);
  }

  void lowerWhile(const WhileStmt *W, const Stmt *Parent) {
    if (!PointOf.count(W)) {
      if (!W->getConditionVariable() && rotatable(W, W->getCond()))
        replace(W, rotatedLoop(exprText(W->getCond()), nullptr, "", bodyText(W->getBody())));
      return;
    }
    const SuspendPoint &P = *PointOf[W].front();
    std::string Out =
        "while (true) {\n" + loopTest(P, W->getCond()) + bodyText(W->getBody()) + "\n}";
    replace(W, Out);
    (void)Parent;
  }

  void lowerDo(const DoStmt *Do, const Stmt *Parent) {
    const SuspendPoint &P = *PointOf[Do].front();
    std::string Label = ContinueUsed.count(Do) ? ContinueLabel[Do] + ":\n" : "";
    std::string Out = "while (true) {\n{\n" + bodyText(Do->getBody()) + "\n}\n" + Label +
                      loopTest(P, Do->getCond()) + "}";
    replace(Do, Out);
    (void)Parent;
  }

  void lowerFor(const ForStmt *For, const Stmt *Parent) {
    bool CondSuspends = PointOf.count(For) != 0;
    bool IncSuspends = For->getInc() && PointOf.count(For->getInc());
    bool InitLowered = For->getInit() && PointOf.count(For->getInit());
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (const Variable *V = F.var(VD); V && (V->isSlot() || V->SplitInit))
            InitLowered = true;
    const Variable *CondVar = hoistedConditionVar(For);
    bool Rotate =
        !For->getConditionVariable() && !IncSuspends && rotatable(For, For->getCond());
    if (!CondSuspends && !IncSuspends && !InitLowered && !Rotate && !CondVar)
      return;
    if (CondVar && CondVar->isSlot() && !CondVar->TrivialDtor) {
      fail(CondVar->Decl->getLocation(),
           "a loop's condition variable with a destructor in a loop that suspends is not "
           "supported yet; declare it in the loop body");
      return;
    }
    std::string Init = For->getInit() ? text(For->getInit()) : "";
    std::string Cond = For->getCond() ? exprText(For->getCond()) : "";
    std::string Inc = For->getInc() ? exprText(For->getInc()) : "";
    std::string Body = bodyText(For->getBody());
    if (IncSuspends) {
      // An increment that awaits is lowered where it runs: after the body,
      // where a `continue` in the body now jumps to (ContinueLabel).
      std::string Label =
          ContinueUsed.count(For) ? ContinueLabel[For] + ":\n" : std::string();
      // The body's own scope ends before the label.
      if (!isa<CompoundStmt>(For->getBody()))
        Body = "{\n" + Body + "\n}";
      Body = "{\n" + Body + "\n" + Label + expressionStatement(For->getInc()) + "}";
      Inc.clear();
    }
    std::string Out = "{\n" + (Init.empty() ? "" : Init + "\n");
    if (CondVar) {
      auto [Decl, Name] = conditionVarParts(For, *CondVar);
      Out += fmt::format("for (;; {}) {{\n{}if (!static_cast<bool>({}))\n  break;\n{}\n}}\n", Inc,
                         Decl, Name, Body);
    } else if (CondSuspends)
      Out += fmt::format("for (;; {}) {{\n{}{}\n}}\n", Inc,
                         loopTest(*PointOf[For].front(), For->getCond()), Body);
    else if (Rotate)
      Out += rotatedLoop(Cond, For->getInc(), Inc, Body) + "\n";
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
    lower(Range->getInit(), Range);
    lower(Range->getRangeInit(), Range);
    const Stmt *Body = Range->getBody();
    if (const auto *CS = dyn_cast<CompoundStmt>(Body)) {
      for (const Stmt *Child : CS->body())
        lower(Child, CS);
      lineDirectives(CS);
    } else {
      lower(Body, Range);
    }
    Loops.pop_back();

    const VarDecl *RangeVar =
        Range->getRangeStmt()
            ? cast<VarDecl>(cast<DeclStmt>(Range->getRangeStmt())->getSingleDecl())
            : nullptr;
    const VarDecl *BeginVar =
        Range->getBeginStmt() ? cast<VarDecl>(Range->getBeginStmt()->getSingleDecl()) : nullptr;
    const VarDecl *EndVar =
        Range->getEndStmt() ? cast<VarDecl>(Range->getEndStmt()->getSingleDecl()) : nullptr;
    // Over a range of dependent type: the iterators Analysis declared.
    const bool MadeIterators = F.MadeIterators.count(Range) > 0;
    if (MadeIterators)
      std::tie(BeginVar, EndVar) = F.MadeIterators.at(Range);
    if (!RangeVar || !BeginVar || !EndVar) {
      fail(Range->getBeginLoc(), "this range-for form is not supported yet");
      return;
    }
    auto nameOf = [&](const VarDecl *VD) {
      const Variable *V = F.var(VD);
      if (!V || !V->isSlot())
        return std::string();
      return nameInPoll(*V);
    };
    // `for (x : xs)` over a named object: the range is that object itself.
    const Expr *RangeInitExpr = Range->getRangeInit()->IgnoreParenImpCasts();
    bool NamedRange = isa<DeclRefExpr>(RangeInitExpr) && RangeInitExpr->isLValue() &&
                      F.var(RangeVar) && !F.var(RangeVar)->isSlot();
    // A range that awaits (`for (x : await(f()))`) and is not kept across a
    // later suspension is an ordinary local: the resume jump lands before it.
    const Variable &RV = *F.var(RangeVar);
    const bool RangeAwaits = PointOf.count(Range->getRangeStmt()) != 0;
    const bool LocalRange = RangeAwaits && !RV.isSlot();
    std::string RangeName = NamedRange   ? exprText(Range->getRangeInit())
                            : LocalRange ? RV.Name
                                         : nameOf(RangeVar),
                BeginName = nameOf(BeginVar), EndName = nameOf(EndVar);
    // A loop that does not suspend in its body (lowered for its range's slot
    // or its range's await only): its iterators are ordinary locals.
    const bool LocalIterators = BeginName.empty() && EndName.empty() && !RangeName.empty();
    if (LocalIterators) {
      BeginName = RangeName + "_begin";
      EndName = RangeName + "_end";
    }
    if (RangeName.empty() || BeginName.empty() || EndName.empty()) {
      fail(Range->getBeginLoc(), "internal: range-for variables are not slots");
      return;
    }
    std::string Out = "{\n";
    Out += fmt::format("// {}\n", commentText(SourceRange(Range->getBeginLoc(),
                                                        Range->getRParenLoc()),
                                            Ctx));
    if (Range->getInit())
      Out += text(Range->getInit()) + "\n";
    // The range: bound once, like C++'s `auto&& __range = init;`, after
    // the awaits in init.
    Sequence Seq = startSequence();
    std::string RangeInit =
        RangeAwaits ? anf(Range->getRangeInit(), Seq) : exprText(Range->getRangeInit());
    Out += Seq.Pre;
    if (LocalRange)
      Out += fmt::format("auto &&{} = {};\n", RangeName, RangeInit);
    else if (!NamedRange)
      Out += construct(RV, RV.BackingArray ? RangeInit : "(" + RangeInit + ")");
    Out += finish(Seq);
    auto beginEnd = [&](const VarDecl *VD, const char *Which) {
      if (MadeIterators)
        return fmt::format("stackless::detail::range_{}({})", Which, RangeName);
      const Expr *Init = VD->getInit()->IgnoreImplicit();
      if (isa<CXXMemberCallExpr>(Init))
        return fmt::format("{}.{}()", RangeName, Which);
      if (RangeVar->getType().getNonReferenceType()->isArrayType()) {
        if (std::string(Which) == "begin")
          return RangeName;
        const auto *AT = Ctx.getAsConstantArrayType(RangeVar->getType().getNonReferenceType());
        return fmt::format("{} + {}", RangeName, AT ? AT->getSize().getZExtValue() : 0);
      }
      return fmt::format("{}({})", Which, RangeName);
    };
    if (LocalIterators) {
      Out += fmt::format("auto {} = {};\nauto {} = {};\n", BeginName, beginEnd(BeginVar, "begin"),
                         EndName, beginEnd(EndVar, "end"));
    } else {
      Out += construct(*F.var(BeginVar), "(" + beginEnd(BeginVar, "begin") + ")");
      Out += construct(*F.var(EndVar), "(" + beginEnd(EndVar, "end") + ")");
    }
    // Rotated (see rotatedLoop): the test repeated at the bottom.
    const std::string Test = fmt::format("{} != {}", BeginName, EndName);
    Out += fmt::format("{}if ({}) do {{\n", RotatedNote, Test);
    // The loop variable, initialised from *iterator each iteration.
    const VarDecl *LoopVar = Range->getLoopVariable();
    const Variable *LV = F.var(LoopVar);
    std::string Deref = "*" + BeginName;
    if (LV && LV->isSlot()) {
      Out += construct(*LV, "(" + Deref + ")");
    } else {
      // The declaration as written, up to the colon.
      std::string Declared =
          Lexer::getSourceText(CharSourceRange::getCharRange(LoopVar->getBeginLoc(),
                                                              Range->getColonLoc()),
                               SM, Ctx.getLangOpts())
              .rtrim()
              .str();
      const Variable *Split = F.var(LoopVar);
      if (Split && Split->SplitInit)
        Out += fmt::format("{};\n{} = {};\n", declarator(Split->ValueType, LoopVar->getName().str()),
                           LoopVar->getName().str(), Deref);
      else
        Out += fmt::format("{} = {};\n", Declared, Deref);
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(Body)) {
      for (const Stmt *Child : CS->body())
        Out += text(Child) + "\n";
    } else {
      Out += text(Body) + "\n";
    }
    if (auto It = F.EndDestroys.find(Body); It != F.EndDestroys.end())
      Out += destroys(It->second);
    Out += fmt::format("}} while ((void)++{}, {});\n", BeginName, Test);
    if (auto It = F.EndDestroys.find(Range); It != F.EndDestroys.end())
      Out += destroys(It->second);
    Out += "}";
    replace(Range, Out);
    (void)Parent;
  }
};

} // namespace

std::string lowerBody(AsyncFunction &F, ASTContext &Ctx, Rewriter &RW, Diagnostics &Diag,
                      bool LineDirectives, bool OwnBuffer) {
  return Lowerer(F, Ctx, RW, Diag, LineDirectives, OwnBuffer).run();
}

} // namespace stackless
