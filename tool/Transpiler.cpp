//===- Transpiler.cpp - one input file through the whole pipeline --------===//
#include "Transpiler.h"
#include "Analysis.h"
#include "Boxing.h"
#include "Diagnostics.h"
#include "Discovery.h"
#include "Emitter.h"
#include "HoistedLambdas.h"
#include "Layout.h"
#include "Lowering.h"
#include "Placement.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Lexer.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/Core/Replacement.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace stackless {
namespace {

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, const TranspileOptions &Options, std::string &Output,
           bool &Succeeded, std::vector<View> *Views)
      : CI(CI), Options(Options), Output(Output), Succeeded(Succeeded), Views(Views) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Succeeded = false;
    if (CI.getDiagnostics().hasErrorOccurred())
      return;
    Diagnostics Diag(CI.getDiagnostics());
    SourceManager &SM = Ctx.getSourceManager();
    Rewriter RW(SM, Ctx.getLangOpts());

    // ---- discovery ---------------------------------------------------------
    Discovered Found = discover(Ctx);
    // Every await/yield must lie in the body of an async function or lambda
    // (at any depth: the analysis diagnoses one in a nested ordinary lambda).
    // The bodies sorted by where they begin, each with the nearest earlier
    // body that encloses it: a point's enclosing bodies are then found from
    // the last body beginning before it, in time independent of their number.
    struct Body {
      std::pair<unsigned, unsigned> Begin, End; // (file, offset) of the braces
      int Outer;                                // index of the enclosing body, or -1
    };
    auto Key = [&](SourceLocation L) {
      auto [File, Offset] = SM.getDecomposedExpansionLoc(L);
      return std::make_pair(File.getHashValue(), Offset);
    };
    std::vector<Body> Bodies;
    for (const FunctionDecl *F : Found.AsyncDefinitions)
      Bodies.push_back({Key(F->getBody()->getBeginLoc()), Key(F->getBody()->getEndLoc()), -1});
    for (const LambdaExpr *L : Found.AsyncLambdas)
      Bodies.push_back({Key(L->getBody()->getBeginLoc()), Key(L->getBody()->getEndLoc()), -1});
    std::sort(Bodies.begin(), Bodies.end(),
              [](const Body &A, const Body &B) { return A.Begin < B.Begin; });
    for (int I = 0; I < int(Bodies.size()); ++I)
      for (int J = I - 1; J >= 0; J = Bodies[J].Outer)
        if (Bodies[I].End <= Bodies[J].End) {
          Bodies[I].Outer = J;
          break;
        }
    for (const CallExpr *Call : Found.SuspendCalls) {
      auto Point = Key(Call->getBeginLoc());
      auto It = std::upper_bound(Bodies.begin(), Bodies.end(), Point,
                                 [](const auto &P, const Body &B) { return P < B.Begin; });
      bool Claimed = false;
      for (int J = int(It - Bodies.begin()) - 1; J >= 0 && !Claimed; J = Bodies[J].Outer)
        Claimed = Point <= Bodies[J].End;
      if (!Claimed)
        Diag.error(Call->getBeginLoc(), isAwaitCall(Call)
                                            ? "await outside an async function (a function "
                                              "returning stackless::Async<T> or Stream<T>)"
                                            : "yield outside a generator (a function returning "
                                              "stackless::Generator<Y, R> or Stream<T>)");
    }

    // An async function with awaits defined in a header: the tool rewrites
    // only its input, so it would stay unlowered (and fail to link).
    std::function<void(const DeclContext *)> ScanHeaders = [&](const DeclContext *DC) {
      for (const Decl *D : DC->decls()) {
        SourceLocation L = SM.getExpansionLoc(D->getLocation());
        if (L.isInvalid() || SM.isInMainFile(L) || SM.isInSystemHeader(L))
          continue;
        const FunctionDecl *FD = dyn_cast<FunctionDecl>(D);
        if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
          FD = FT->getTemplatedDecl();
        if (const auto *NS = dyn_cast<NamespaceDecl>(D))
          ScanHeaders(NS);
        else if (const auto *RD = dyn_cast<CXXRecordDecl>(D);
                 RD && RD->isThisDeclarationADefinition())
          ScanHeaders(RD);
        else if (FD && FD->doesThisDeclarationHaveABody() &&
                 markerOf(FD->getDeclaredReturnType()) != Marker::None && suspends(FD->getBody()))
          Diag.error(FD->getLocation(),
                     "an async function with suspension points defined in a header is not "
                     "lowered (the tool rewrites only its input); define it in a .cpp file the "
                     "tool lowers, and declare it in the header");
      }
    };
    ScanHeaders(Ctx.getTranslationUnitDecl());

    // ---- names of the generated classes ------------------------------------
    FutureClasses Classes;
    std::set<std::string> Used;
    // Not a name the program already uses (a `struct fetch_future` of its own).
    auto Taken = [&](const std::string &N) {
      return Used.count(N) || Ctx.Idents.find(N) != Ctx.Idents.end();
    };
    for (const FunctionDecl *F : Found.AsyncDefinitions) {
      Marker M = markerOf(F->getDeclaredReturnType());
      // An operator has no identifier to build a class name from.
      std::string Stem = F->getDeclName().isIdentifier() ? F->getNameAsString()
                         : F->getOverloadedOperator() == OO_Call ? "call_operator"
                                                                  : "operator";
      std::string Base = Stem + (M == Marker::Generator ? "_generator"
                                 : M == Marker::Stream  ? "_stream"
                                                        : "_future");
      if (const auto *M = dyn_cast<CXXMethodDecl>(F))
        Base = M->getParent()->getNameAsString() + "_" + Base;
      std::string Name = Base;
      for (unsigned I = 2; Taken(Name); ++I)
        Name = Base + std::to_string(I);
      Used.insert(Name);
      Classes[F->getCanonicalDecl()] = Name;
    }

    // ---- where ordinary C++ relies on the declared types (Boxing.h) -------
    FileDecisions File = decideBoxing(Found, Classes, Ctx);

    // ---- analysis --------------------------------------------------------
    // Async lambdas first, innermost first: whether a lambda's class goes
    // before the class of the body it is written in (HoistedLambdas.h)
    // decides how that body names its future. Their classes go inside the
    // lambdas otherwise, which now return the future.
    std::map<const LambdaExpr *, std::unique_ptr<AsyncFunction>> LambdaModels;
    for (auto It = Found.AsyncLambdas.rbegin(); It != Found.AsyncLambdas.rend(); ++It) {
      const LambdaExpr *L = *It;
      auto Model = analyze(L->getCallOperator(), Ctx, Classes, File, Diag, L);
      if (!Model)
        continue;
      Marker M = markerOf(L->getCallOperator()->getDeclaredReturnType());
      std::string Base = fmt::format("lambda_L{}_{}", SM.getExpansionLineNumber(L->getBeginLoc()),
                                     M == Marker::Generator ? "generator"
                                     : M == Marker::Stream  ? "stream"
                                                            : "future");
      std::string Name = Base;
      for (unsigned I = 2; Taken(Name); ++I)
        Name = Base + "_" + std::to_string(I);
      Used.insert(Name);
      Model->ClassName = Name;
      decideHoisting(*Model, Found, Ctx, File);
      LambdaModels[L] = std::move(Model);
    }
    std::vector<std::unique_ptr<AsyncFunction>> Lambdas; // outer first, as found
    for (const LambdaExpr *L : Found.AsyncLambdas)
      if (auto It = LambdaModels.find(L); It != LambdaModels.end())
        Lambdas.push_back(std::move(It->second));

    std::vector<std::unique_ptr<AsyncFunction>> Functions;
    for (const FunctionDecl *F : Found.AsyncDefinitions) {
      auto Model = analyze(F, Ctx, Classes, File, Diag);
      if (!Model)
        continue;
      Model->ClassName = Classes[F->getCanonicalDecl()];
      {
        const DeclContext *Home = F->getDeclContext(), *Written = F->getLexicalDeclContext();
        while (!Home->isFileContext())
          Home = Home->getParent();
        while (!Written->isFileContext())
          Written = Written->getLexicalParent();
        if (!hasMemberFutureClass(F) && namespaceQualifier(Home) != namespaceQualifier(Written))
          Model->ClassQualifier = namespaceQualifier(Home);
      }
      if (hasMemberFutureClass(F)) {
        // Declared in its class, defined outside it as `Q<T>::Q_pop_future`,
        // under the heads of the class templates around it: those written
        // on the function's own definition when it is outside the class
        // (`template <class U> Async<U> Q<U>::pop()`: its names), else
        // the classes' own, without their default arguments.
        const CXXRecordDecl *Record = cast<CXXMethodDecl>(F)->getParent();
        std::string Heads;
        if (!F->getLexicalDeclContext()->isRecord()) {
          Model->MemberOf = sourceText(F->getQualifierLoc().getSourceRange(), Ctx); // `Q<U>::`
          for (unsigned I = 0; I < F->getNumTemplateParameterLists(); ++I)
            Heads += templateHead(F->getTemplateParameterList(I), Ctx);
        } else {
          Model->MemberOf = classSpelling(Record, Ctx);
          for (const DeclContext *DC = Record; isa<CXXRecordDecl>(DC); DC = DC->getParent()) {
            const TemplateParameterList *Params = nullptr;
            if (const ClassTemplateDecl *CT = cast<CXXRecordDecl>(DC)->getDescribedClassTemplate())
              Params = CT->getTemplateParameters();
            else if (const auto *PS = dyn_cast<ClassTemplatePartialSpecializationDecl>(DC))
              Params = PS->getTemplateParameters();
            if (Params)
              Heads = templateHead(Params, Ctx) + Heads;
          }
        }
        Model->MemberOfHead = Heads;
      }
      Functions.push_back(std::move(Model));
    }
    checkRecursion(Functions, Diag);

    if (Diag.errors())
      return;

    // A hoisted lambda's class goes before its enclosing body's class, and
    // so after the classes it depends on: they are that body's too.
    std::map<const FunctionDecl *, AsyncFunction *> ModelOfBody;
    for (const auto *All : {&Functions, &Lambdas})
      for (const auto &F : *All)
        ModelOfBody[F->Decl] = F.get();
    for (auto It = Lambdas.rbegin(); It != Lambdas.rend(); ++It)
      if (const HoistedLambda *H = hoistedLambdaOf((*It)->Lambda, &File)) {
        AsyncFunction &Enclosing = *ModelOfBody.at(H->Enclosing);
        for (auto Edges : {&AsyncFunction::Callees, &AsyncFunction::StoredCallees})
          for (const FunctionDecl *Callee : (**It).*Edges)
            if (llvm::find(Enclosing.*Edges, Callee) == (Enclosing.*Edges).end())
              (Enclosing.*Edges).push_back(Callee);
      }

    // The boxing edits (Boxing.h): made by the innermost body being lowered
    // that holds them, in that body's buffer, or here in ordinary code.
    std::map<const FunctionDecl *, const AsyncFunction *> ModelOf;
    for (const auto &F : Functions)
      ModelOf[F->Decl->getCanonicalDecl()] = F.get();
    for (PlacedEdits &P : boxingEdits(Found, File, ModelOf, Ctx)) {
      AsyncFunction *Innermost = nullptr;
      for (const auto *All : {&Functions, &Lambdas})
        for (const auto &F : *All) {
          const Stmt *Body = F->Decl->getBody();
          if (SM.isPointWithin(P.At, Body->getBeginLoc(), Body->getEndLoc()) &&
              (!Innermost ||
               SM.isBeforeInTranslationUnit(Innermost->Decl->getBody()->getBeginLoc(),
                                            Body->getBeginLoc())))
            Innermost = F.get();
        }
      for (SourceEdit &E : P.Edits) {
        if (Innermost)
          Innermost->EditsFirst.push_back(std::move(E));
        else
          RW.ReplaceText(E.Range, E.Text);
      }
    }

    // A body holding an async lambda is edited in the file's buffer when the
    // lambda is lowered (first), so it cannot be copied into a buffer of its
    // own (BodyRewriter.h).
    auto HoldsLambda = [&](const AsyncFunction &F) {
      const Stmt *Body = F.Decl->getBody();
      for (const LambdaExpr *L : Found.AsyncLambdas)
        if (L != F.Lambda && SM.isPointWithin(L->getBeginLoc(), Body->getBeginLoc(),
                                              Body->getEndLoc()))
          return true;
      return false;
    };
    // Innermost first (the matchers found them outer first): an async lambda
    // inside another is rewritten in the file's buffer before the outer one
    // reads its body.
    for (auto It = Lambdas.rbegin(); It != Lambdas.rend(); ++It)
      if (!lowerLambda(**It, Ctx, RW, Diag, !HoldsLambda(**It), File, ModelOfBody))
        return;

    // ---- lowering and emission -------------------------------------------
    std::map<const FunctionDecl *, AsyncFunction *> ByDecl;
    for (const auto &F : Functions)
      ByDecl[F->Decl->getCanonicalDecl()] = F.get();
    // Dependencies first: a class must follow the classes of the futures it
    // stores.
    std::vector<AsyncFunction *> Order;
    {
      // Depth first over the callees each function names in Edges.
      auto Sorted = [&](std::vector<const FunctionDecl *> AsyncFunction::*Edges) {
        std::vector<AsyncFunction *> Out;
        std::set<const AsyncFunction *> Done;
        std::function<void(AsyncFunction *)> Visit = [&](AsyncFunction *F) {
          if (!Done.insert(F).second)
            return;
          for (const FunctionDecl *Callee : F->*Edges)
            if (auto It = ByDecl.find(Callee); It != ByDecl.end())
              Visit(It->second);
          Out.push_back(F);
        };
        for (const auto &F : Functions)
          Visit(F.get());
        return Out;
      };
      Order = Sorted(&AsyncFunction::Callees);
      // Through a cycle of calls (one of them boxed), the order may put a
      // class before one it stores: then only what is stored decides it.
      std::map<const AsyncFunction *, size_t> At;
      for (size_t I = 0; I < Order.size(); ++I)
        At[Order[I]] = I;
      bool StoresLater = false;
      for (const AsyncFunction *F : Order)
        for (const FunctionDecl *Callee : F->StoredCallees)
          if (auto It = ByDecl.find(Callee); It != ByDecl.end() && At[It->second] > At[F])
            StoresLater = true;
      if (StoresLater)
        Order = Sorted(&AsyncFunction::StoredCallees);
    }
    // A body that calls a function whose class comes later (a cycle of
    // calls): its poll() is defined after that class.
    std::map<const AsyncFunction *, const AsyncFunction *> PollAfter;
    {
      std::map<const AsyncFunction *, size_t> At;
      for (size_t I = 0; I < Order.size(); ++I)
        At[Order[I]] = I;
      for (const AsyncFunction *F : Order)
        for (const FunctionDecl *Callee : F->Callees) {
          auto It = ByDecl.find(Callee);
          if (It == ByDecl.end() || At[It->second] <= At[F])
            continue;
          if (!PollAfter.count(F) || At[It->second] > At[PollAfter[F]])
            PollAfter[F] = It->second; // the latest of them
        }
    }
    std::map<const AsyncFunction *, std::string> PollsAfterClass; // poll()s defined after it

    // Where each generated class goes: where the function was defined (after
    // its class, for a member defined inside it), or later, after the
    // latest class it depends on.
    std::map<const AsyncFunction *, SourceLocation> Anchor;
    // Whose own place each anchor is (its namespaces are the ones open there).
    std::map<const AsyncFunction *, const AsyncFunction *> AnchorOf;
    for (const AsyncFunction *F : Order) {
      SourceLocation A = ownAnchor(*F);
      AnchorOf[F] = F;
      for (const FunctionDecl *Callee : F->Callees)
        if (auto It = ByDecl.find(Callee);
            It != ByDecl.end() && It->second != F && Anchor.count(It->second))
          if (SM.isBeforeInTranslationUnit(A, Anchor[It->second])) {
            A = Anchor[It->second];
            AnchorOf[F] = AnchorOf[It->second];
          }
      Anchor[F] = A;
    }

    std::map<SourceLocation, std::string> Appended;
    std::vector<SourceLocation> AppendOrder;
    auto Append = [&](SourceLocation Loc, const std::string &Text) {
      if (!Appended.count(Loc))
        AppendOrder.push_back(Loc);
      Appended[Loc] += "\n" + Text;
    };
    std::map<const AsyncFunction *, std::string> Lowered; // poll bodies
    for (AsyncFunction *F : Order) {
      // Callees come first: a future with a trivial destructor needs no
      // tracking where it is awaited.
      for (SuspendPoint &P : F->Points)
        if (P.LoweredCallee)
          if (auto It = ByDecl.find(P.LoweredCallee); It != ByDecl.end() && It->second != F)
            P.FutureTrivial = It->second->TriviallyDestructible;
      Lowered[F] = lowerBody(*F, Ctx, RW, Diag, Options.LineDirectives, !HoldsLambda(*F));
      if (Diag.errors())
        return;
      F->TriviallyDestructible = !needsDestructor(*F);
    }

    // Classes that ordinary code needs complete before the function's
    // definition: defined early, poll() where the function was
    // (Placement.h). Several at one place go in dependency order.
    std::map<const AsyncFunction *, SourceLocation> Early = placeEarly(
        Order, Anchor, [&](const AsyncFunction &F) { return earlyPoint(F); }, Ctx, Diag);
    if (Diag.errors())
      return;
    std::map<SourceLocation, std::string> EarlyText;

    for (AsyncFunction *F : Order) {
      const std::string &Body = Lowered[F];
      // The class here; or, defined early, only its poll's definition here.
      const bool IsEarly = Early.count(F);
      std::string Class;
      if (IsEarly) {
        std::string &Text = EarlyText[Early[F]];
        if (Text.empty())
          if (const auto *M = dyn_cast<CXXMethodDecl>(F->Decl)) // before its class
            Text += fmt::format("{} {};\n\n", M->getParent()->getKindName(),
                                M->getParent()->getName());
        Text += fitColumnLimit(emitFutureClass(*F, Body, Ctx, &Class)) + "\n";
        if (PollAfter.count(F)) { // (where the function was is too early)
          PollsAfterClass[PollAfter[F]] += "\n" + fitColumnLimit(Class) + "\n";
          Class.clear();
        }
      } else if (PollAfter.count(F)) {
        std::string Poll;
        Class = emitFutureClass(*F, Body, Ctx, &Poll);
        PollsAfterClass[PollAfter[F]] += "\n" + fitColumnLimit(Poll) + "\n";
      } else {
        Class = emitFutureClass(*F, Body, Ctx);
      }
      // Then the poll()s that need this class complete.
      auto WithPolls = [&](const std::string &Text) {
        auto It = PollsAfterClass.find(F);
        return It == PollsAfterClass.end() ? Text : Text + It->second;
      };
      CharSourceRange Range = fullRange(F->Decl);
      // `[[nodiscard]] Async<int> f()`: the attributes go with the factory,
      // not before the generated class.
      std::string Attrs;
      if (SourceLocation AttrBegin = leadingAttributes(F->Decl); AttrBegin.isValid()) {
        Attrs = Lexer::getSourceText(CharSourceRange::getCharRange(AttrBegin, Range.getBegin()),
                                     SM, Ctx.getLangOpts())
                    .str();
        Range.setBegin(AttrBegin);
      }
      std::string Type = F->factoryType();
      if (isInClass(*F)) {
        // The definition becomes a declaration; the class and the member's
        // definition follow the enclosing class.
        const auto *Record = cast<CXXRecordDecl>(F->Decl->getDeclContext());
        if (!IsEarly && F->MemberOf.empty())
          RW.InsertTextBefore(recordBegin(Record), emitForwardDeclaration(*F));
        std::string Indent = indentationOfLine(Range.getBegin(), SM);
        RW.ReplaceText(Range, inClassDeclaration(*F, Indent) + Attrs +
                                  signatureWithReturnType(F->Decl, Type, Ctx) + ";");
        Append(Anchor[F],
               inNamespacesOf(*F, *AnchorOf[F],
                              attribute(WithPolls(fitColumnLimit(
                                            Class + "\n" + emitOutOfClassFactory(*F, Ctx))),
                                        F->Decl->getBeginLoc(), Anchor[F], SM)));
        continue;
      }
      // Declared in a file we do not rewrite (a class's header): the class
      // goes inside the factory, with its access to private members.
      if (F->Boxed && !F->Lambda && !F->Template && !IsEarly && Anchor[F] == ownAnchor(*F) &&
          !SM.isInMainFile(SM.getExpansionLoc(F->Decl->getCanonicalDecl()->getLocation()))) {
        RW.ReplaceText(Range, attribute(fitColumnLimit(Attrs + emitFactoryAroundClass(*F, Class, Ctx)),
                                        F->Decl->getBeginLoc(), ownAnchor(*F), SM));
        continue;
      }
      // Moved after what it depends on, it is declared where it was.
      const bool Moved = Anchor[F] != ownAnchor(*F);
      std::string Factory = F->MemberOf.empty()
                                ? emitFactory(*F, Ctx, Moved && !isa<CXXMethodDecl>(F->Decl))
                                : emitOutOfClassFactory(*F, Ctx);
      std::string Generated = attribute(
          WithPolls(fitColumnLimit(Class + "\n" + Attrs + Factory)),
          F->Decl->getBeginLoc(), Anchor[F] == ownAnchor(*F) ? ownAnchor(*F) : Anchor[F], SM);
      if (Anchor[F] == ownAnchor(*F)) {
        RW.ReplaceText(Range, Generated);
        continue;
      }
      // Moved after what it depends on: declared here (a member function is
      // already declared in its class).
      std::string Declaration = IsEarly || !F->MemberOf.empty() ? "" : emitForwardDeclaration(*F);
      if (!isa<CXXMethodDecl>(F->Decl))
        Declaration += Attrs + signatureWithReturnType(F->Decl, Type, Ctx) + ";\n";
      RW.ReplaceText(Range, fitColumnLimit(Declaration));
      Append(Anchor[F], inNamespacesOf(*F, *AnchorOf[F], Generated));
    }
    for (SourceLocation Loc : AppendOrder)
      RW.InsertTextAfterToken(Loc, Appended[Loc]);

    // ---- forward declarations of async functions in this file ------------
    for (const FunctionDecl *D : Found.AsyncDeclarations) {
      const FunctionDecl *Def = D->getDefinition();
      if (!Def && D->getDescribedFunctionTemplate())
        if (const FunctionTemplateDecl *T = D->getDescribedFunctionTemplate())
          if (const FunctionTemplateDecl *DefT = T->getCanonicalDecl())
            for (const auto *R : DefT->redecls())
              if (const auto *FT = dyn_cast<FunctionTemplateDecl>(R))
                if (FT->getTemplatedDecl()->doesThisDeclarationHaveABody())
                  Def = FT->getTemplatedDecl();
      auto It = Def ? ByDecl.find(Def->getCanonicalDecl()) : ByDecl.end();
      if (It == ByDecl.end())
        continue; // defined elsewhere: keeps Async<T>
      const AsyncFunction &F = *It->second;
      const bool IsEarly = Early.count(&F);
      std::string Decl = signatureWithReturnType(D, F.factoryType(), Ctx) + ";";
      std::string Before; // what the declaration needs first
      if (D->getLexicalDeclContext()->isRecord() &&
          (isa<CXXMethodDecl>(D) || D->getFriendObjectKind() != Decl::FOK_None)) {
        // A member, or a friend (`friend Async<int> total(const Acc &);`):
        // the class is declared before the class that declares it (declared
        // in it, it would be its member), and befriended (it runs the body).
        const auto *Record = cast<CXXRecordDecl>(D->getLexicalDeclContext());
        Before = inClassDeclaration(F, indentationOfLine(fullRange(D).getBegin(), SM));
        if (!IsEarly && F.MemberOf.empty())
          RW.InsertTextBefore(recordBegin(Record), emitForwardDeclaration(F));
      } else if (auto E = EarlyText.find(fullRange(D).getBegin()); E != EarlyText.end()) {
        Before = E->second; // the first declaration: the class, defined early
        EarlyText.erase(E);
      } else {
        Before = emitForwardDeclaration(F);
      }
      // `[[nodiscard]] Async<int> f();`: before its attributes, which
      // stay with the declaration (D's own range starts after them).
      if (SourceLocation Attributes = leadingAttributes(D); Attributes.isValid()) {
        RW.InsertTextBefore(Attributes, Before);
        RW.ReplaceText(fullRange(D), Decl);
      } else {
        RW.ReplaceText(fullRange(D), Before + Decl);
      }
    }
    for (const auto &[Loc, Text] : EarlyText) // before the classes of members
      RW.InsertTextBefore(Loc, Text);

    if (Diag.errors())
      return;
    if (Views) {
      for (AsyncFunction *F : Order)
        Views->push_back(makeView(*F, Ctx));
      for (const auto &F : Lambdas)
        Views->push_back(makeView(*F, Ctx));
    }
    const RewriteBuffer *Buffer = RW.getRewriteBufferFor(SM.getMainFileID());
    if (Buffer) {
      // Piece by piece: the buffer's character iterator is ~10x slower.
      llvm::raw_string_ostream OS(Output);
      Buffer->write(OS);
    } else {
      Output = SM.getBufferData(SM.getMainFileID()).str();
    }
    Succeeded = true;
  }

private:
  CompilerInstance &CI;
  const TranspileOptions &Options;
  std::string &Output;
  bool &Succeeded;
  std::vector<View> *Views;

  /// `[k](int a) -> Async<int> { body }` becomes
  /// `[k](int a) { class lambda_L7_future {...}; return lambda_L7_future(k, a); }`
  bool lowerLambda(AsyncFunction &F, ASTContext &Ctx, Rewriter &RW, Diagnostics &Diag,
                   bool OwnBuffer, const FileDecisions &File,
                   const std::map<const FunctionDecl *, AsyncFunction *> &ModelOfBody) {
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    std::string Body = lowerBody(F, Ctx, RW, Diag, Options.LineDirectives, OwnBuffer);
    if (Diag.errors())
      return false;
    const bool CalledAtOnce = calledWhereWritten(F.Lambda, Ctx);
    const auto *CS = cast<CompoundStmt>(F.Lambda->getBody());
    std::string Class = emitFutureClass(F, Body, Ctx);
    if (const HoistedLambda *H = hoistedLambdaOf(F.Lambda, &File)) {
      // The class goes before the enclosing body's; the lambda makes it.
      // (Lowered last first: each goes before those lowered already.)
      AsyncFunction &Host = *ModelOfBody.at(H->Enclosing);
      Host.HoistedLambdaClasses = fitColumnLimit(Class) + "\n" + Host.HoistedLambdaClasses;
      std::vector<std::string> Names{F.ClassName};
      llvm::append_range(Names, F.HoistedLambdaNames);
      // Its lambda factories (`class lambda_L11_lambda_L13 { static auto
      // make(...) }`) are written before the host's class too, and may name
      // private members as the lambdas written in a member function do.
      for (const LambdaFactory *Made : F.lambdaFactories())
        Names.push_back(Made->Name.substr(0, Made->Name.rfind("::make")));
      Host.HoistedLambdaNames.insert(Host.HoistedLambdaNames.begin(), Names.begin(), Names.end());
      RW.ReplaceText(CharSourceRange::getCharRange(CS->getLBracLoc(),
                                                   CS->getRBracLoc().getLocWithOffset(1)),
                     H->Body);
      return dropDeclaredReturnType(F, CalledAtOnce, Ctx, RW);
    }
    std::string Args = lambdaFutureArgs(F);
    // Indented one level (four spaces) past the line the lambda's body
    // opens on (in an ordinary function, nothing else lays it out).
    std::string LineIndent = indentationOfLine(CS->getLBracLoc(), SM);
    std::string Aliases;
    for (const Variable &V : F.Vars)
      if (!V.TypeAlias.empty())
        Aliases += "using " + V.TypeAlias + " = std::remove_reference_t<decltype(" +
                   V.Decl->getName().str() + ")>;\n";
    std::string Inner =
        fitColumnLimit(Aliases + Class + "return " + F.ClassName + "(" + Args + ");\n");
    RW.ReplaceText(
        CharSourceRange::getCharRange(CS->getLBracLoc(), CS->getRBracLoc().getLocWithOffset(1)),
        "{\n" +
            attribute(indentLines(Inner, LineIndent + "    "), CS->getLBracLoc(),
                      CS->getRBracLoc(), SM) +
            LineIndent + "}");
    return dropDeclaredReturnType(F, CalledAtOnce, Ctx, RW);
  }

  /// Drops `-> Async<T>`: the lambda now returns its generated class.
  /// Called where it is written, it becomes `mutable` (its captures are
  /// moved into the future).
  static bool dropDeclaredReturnType(const AsyncFunction &F, bool CalledAtOnce, ASTContext &Ctx,
                                     Rewriter &RW) {
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    FunctionTypeLoc FTL = F.Decl->getFunctionTypeLoc();
    if (!FTL)
      return true;
    SourceRange Ret = FTL.getReturnLoc().getSourceRange();
    SourceLocation From = FTL.getRParenLoc();
    std::string Between =
        Lexer::getSourceText(CharSourceRange::getCharRange(From, Ret.getBegin()), SM, LO).str();
    size_t Arrow = Between.rfind("->");
    if (Arrow == std::string::npos)
      return true;
    while (Arrow > 1 && (Between[Arrow - 1] == ' ' || Between[Arrow - 1] == '\t'))
      --Arrow; // with the space before it
    RW.ReplaceText(
        CharSourceRange::getCharRange(From.getLocWithOffset(Arrow),
                                      Lexer::getLocForEndOfToken(Ret.getEnd(), 0, SM, LO)),
        CalledAtOnce && !F.Lambda->isMutable() ? " mutable" : "");
    return true;
  }

  /// The spaces and tabs that begin the line L is on.
  static std::string indentationOfLine(SourceLocation L, const SourceManager &SM) {
    auto [File, Offset] = SM.getDecomposedExpansionLoc(L);
    llvm::StringRef Buffer = SM.getBufferData(File);
    size_t Start = Buffer.rfind('\n', Offset);
    Start = Start == llvm::StringRef::npos ? 0 : Start + 1;
    size_t End = Start;
    while (End < Buffer.size() && (Buffer[End] == ' ' || Buffer[End] == '\t'))
      ++End;
    return Buffer.slice(Start, End).str();
  }

  /// Text with Indent before each line (not before preprocessor lines, nor
  /// empty ones). Text that may hold a raw string is left as it is (its
  /// lines are part of the string).
  static std::string indentLines(const std::string &Text, const std::string &Indent) {
    if (Text.find("R\"") != std::string::npos)
      return Text;
    std::string Out;
    size_t Begin = 0;
    while (Begin < Text.size()) {
      size_t End = Text.find('\n', Begin);
      End = End == std::string::npos ? Text.size() : End + 1;
      llvm::StringRef Line(Text.data() + Begin, End - Begin);
      if (!Line.trim().empty() && !Line.starts_with("#"))
        Out += Indent;
      Out += Line.str();
      Begin = End;
    }
    return Out;
  }

  /// A class type whose copy constructor is deleted (std::unique_ptr).

  /// With --line-directives, generated text is attributed to the line of
  /// the function it comes from, and the file's own text that follows it is
  /// attributed back to its original line.
  std::string attribute(const std::string &Text, SourceLocation From, SourceLocation ResumeAt,
                        const SourceManager &SM) const {
    if (!Options.LineDirectives)
      return Text;
    auto Directive = [&](SourceLocation L) {
      L = SM.getExpansionLoc(L);
      return fmt::format("\n{}{} \"{}\"\n", SourceLineMarker, SM.getSpellingLineNumber(L),
                         SM.getFilename(L).str());
    };
    (void)From;
    return std::string("\n") + OutputLineMarker + "\n" + Text + Directive(ResumeAt);
  }

  /// Where F's class could be defined early (Placement.h): before its
  /// class (a member of a class at namespace scope) or before its first
  /// declaration (a free function declared before its definition); invalid
  /// otherwise.
  /// The namespaces enclosing F's definition where it is written,
  /// outermost first.
  static std::vector<const NamespaceDecl *> namespacesOf(const AsyncFunction &F) {
    std::vector<const NamespaceDecl *> Out;
    for (const DeclContext *DC = F.Decl->getLexicalDeclContext(); DC; DC = DC->getLexicalParent())
      if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
        Out.insert(Out.begin(), NS);
    return Out;
  }

  /// Text for F's class placed where `There`'s own class goes: when that is
  /// inside other namespaces (`namespace net { ... ping() {...} }` holding
  /// the class user() stores), those are closed around it and F's opened.
  static std::string inNamespacesOf(const AsyncFunction &F, const AsyncFunction &There,
                                    const std::string &Text) {
    auto Mine = namespacesOf(F), Open = namespacesOf(There);
    auto Same = [](const NamespaceDecl *A, const NamespaceDecl *B) {
      return A->getCanonicalDecl() == B->getCanonicalDecl();
    };
    if (std::equal(Mine.begin(), Mine.end(), Open.begin(), Open.end(), Same))
      return Text;
    auto Opening = [](const std::vector<const NamespaceDecl *> &Chain) {
      std::string Out;
      for (const NamespaceDecl *NS : Chain)
        Out += std::string(NS->isInline() ? "inline " : "") + "namespace " +
               (NS->isAnonymousNamespace() ? "" : NS->getName().str() + " ") + "{\n";
      return Out;
    };
    std::string Here;
    for (const NamespaceDecl *NS : Open)
      Here += (Here.empty() ? "" : "::") +
              (NS->isAnonymousNamespace() ? std::string("(anonymous)") : NS->getName().str());
    std::string Closing(Open.size(), '}'), MineClosing(Mine.size(), '}');
    return "\n" + Closing + " // leaves namespace " + Here + ": the class of `" + F.Name +
           "` follows the classes it stores, in its own namespace\n" + Opening(Mine) + Text +
           MineClosing + "\n" + Opening(Open);
  }

  SourceLocation earlyPoint(const AsyncFunction &F) const {
    if (F.Lambda || F.Boxed)
      return SourceLocation();
    const SourceManager &SM = F.Decl->getASTContext().getSourceManager();
    if (const auto *M = dyn_cast<CXXMethodDecl>(F.Decl)) {
      const CXXRecordDecl *Record = M->getParent();
      if (!Record->getDeclContext()->isFileContext() || !Record->getIdentifier() ||
          Record->getDescribedClassTemplate() || Record->getBeginLoc().isMacroID())
        return SourceLocation();
      return recordBegin(Record);
    }
    SourceLocation First;
    for (const FunctionDecl *D : F.Decl->redecls()) {
      SourceLocation Begin = fullRange(D).getBegin();
      if (D->doesThisDeclarationHaveABody() || Begin.isMacroID() || !SM.isInMainFile(Begin) ||
          leadingAttributes(D).isValid())
        continue;
      if (First.isInvalid() || SM.isBeforeInTranslationUnit(Begin, First))
        First = Begin;
    }
    return First;
  }

  /// What a class says of the generated class where it declares the
  /// function: a member class is declared there (its access is the
  /// function's); a class at namespace scope is befriended (it runs the
  /// body, which may use private members).
  /// `lib::Queue<T, Scale>::`, `lib::Queue<T *, 1>::`, `Outer::Inner::`:
  /// a class as its own definition's scope names it, for a definition of
  /// a member class after it.
  static std::string classSpelling(const CXXRecordDecl *Record, ASTContext &Ctx) {
    std::string Out;
    const DeclContext *DC = Record;
    for (; isa<CXXRecordDecl>(DC); DC = DC->getParent()) {
      const auto *R = cast<CXXRecordDecl>(DC);
      std::string Args;
      if (const auto *PS = dyn_cast<ClassTemplatePartialSpecializationDecl>(R)) {
        const ASTTemplateArgumentListInfo *Written = PS->getTemplateArgsAsWritten();
        Args = sourceText(SourceRange(Written->LAngleLoc, Written->RAngleLoc), Ctx);
      } else if (const ClassTemplateDecl *CT = R->getDescribedClassTemplate()) {
        for (const NamedDecl *P : *CT->getTemplateParameters())
          Args += (Args.empty() ? "" : ", ") + P->getNameAsString() +
                  (P->isParameterPack() ? "..." : "");
        Args = "<" + Args + ">";
      }
      Out = R->getNameAsString() + Args + "::" + Out;
    }
    return namespaceQualifier(DC) + Out;
  }

  /// Indent: that of the line the function's declaration was on.
  static std::string inClassDeclaration(const AsyncFunction &F, const std::string &Indent) {
    std::string Out =
        F.MemberOf.empty()
            ? fmt::format("friend class {};\n{}", F.ClassName, Indent)
            : fmt::format("{}class {};\n{}", // `template <class U> class Q_run_future;`
                          llvm::StringRef(F.TemplateHead).rtrim().str() +
                              (F.TemplateHead.empty() ? "" : " "),
                          F.ClassName, Indent);
    for (const LambdaFactory *Made : F.lambdaFactories()) // members that make its lambdas
      if (!Made->InClass.empty())
        Out += Made->InClass + "\n" + Indent;
    for (const std::string &Lambda : F.HoistedLambdaNames) // (HoistedLambdas.h)
      Out += fmt::format("friend class {};\n{}", Lambda, Indent);
    return Out;
  }

  static bool isInClass(const AsyncFunction &F) {
    return F.Decl->getLexicalDeclContext()->isRecord();
  }

  static SourceLocation recordBegin(const CXXRecordDecl *Record) {
    if (const ClassTemplateDecl *CT = Record->getDescribedClassTemplate())
      return CT->getBeginLoc();
    if (isa<ClassTemplateSpecializationDecl>(Record)) // from its `template <>`
      return Record->getSourceRange().getBegin();
    return Record->getBeginLoc();
  }

  /// The last token of a function's own text: its `}`, or, for a member
  /// defined inside its class, the `;` that ends the class.
  SourceLocation ownAnchor(const AsyncFunction &F) const {
    if (!isInClass(F))
      return fullRange(F.Decl).getEnd();
    // (Lexically: `struct Outer::Inner { ... };` written after Outer ends.)
    const Decl *Outer = cast<Decl>(F.Decl->getDeclContext());
    while (isa<CXXRecordDecl>(Outer->getLexicalDeclContext()))
      Outer = cast<Decl>(Outer->getLexicalDeclContext());
    SourceLocation End = Outer->getEndLoc();
    const SourceManager &SM = Outer->getASTContext().getSourceManager();
    std::optional<Token> Next = Lexer::findNextToken(End, SM, Outer->getASTContext().getLangOpts());
    return Next && Next->is(tok::semi) ? Next->getLocation() : End;
  }

  /// The whole declaration: template head through `}` or `;`.
  /// Where `[[...]]` attributes written before D begin (invalid if none):
  /// D's own range starts after them.
  SourceLocation leadingAttributes(const FunctionDecl *D) const {
    const SourceManager &SM = D->getASTContext().getSourceManager();
    SourceLocation Begin = D->getBeginLoc(), First = Begin;
    if (D->getDescribedFunctionTemplate() || Begin.isMacroID())
      return SourceLocation();
    for (const Attr *A : D->attrs())
      if (!A->isImplicit() && !A->isInherited() && A->getRange().getBegin().isFileID() &&
          SM.isBeforeInTranslationUnit(A->getRange().getBegin(), First))
        First = A->getRange().getBegin();
    if (First == Begin)
      return SourceLocation();
    // Back over the `[[` that opens the first attribute list.
    const char *At = SM.getCharacterData(First);
    const char *Start = SM.getBufferData(SM.getFileID(First)).data();
    const char *P = At;
    while (P > Start && (P[-1] == ' ' || P[-1] == '\t'))
      --P;
    if (P - Start < 2 || P[-1] != '[' || P[-2] != '[')
      return SourceLocation(); // GNU __attribute__ or a macro: left as it is
    return First.getLocWithOffset(-(At - (P - 2)));
  }

  CharSourceRange fullRange(const FunctionDecl *D) const {
    SourceLocation Begin = D->getBeginLoc();
    // `template <class T> template <class F> ... Q<T>::run(F f)`: from the
    // outer head, which D's own range starts at.
    if (const FunctionTemplateDecl *T = D->getDescribedFunctionTemplate();
        T && D->getNumTemplateParameterLists() == 0)
      Begin = T->getBeginLoc();
    SourceLocation End = D->getEndLoc();
    if (!D->doesThisDeclarationHaveABody()) {
      const SourceManager &SM = D->getASTContext().getSourceManager();
      std::optional<Token> Next = Lexer::findNextToken(End, SM, D->getASTContext().getLangOpts());
      if (Next && Next->is(tok::semi))
        End = Next->getLocation();
    }
    return CharSourceRange::getTokenRange(Begin, End);
  }

  /// An async function, generator or stream that contains itself (through
  /// a chain of calls not boxed) would have infinite size.
  void checkRecursion(const std::vector<std::unique_ptr<AsyncFunction>> &Fns, Diagnostics &Diag) {
    std::map<const FunctionDecl *, const AsyncFunction *> ByDecl;
    for (const auto &F : Fns)
      ByDecl[F->Decl->getCanonicalDecl()] = F.get();
    for (const auto &F : Fns) {
      // Depth-first search for a path back to F.
      std::vector<std::vector<const AsyncFunction *>> Paths{{F.get()}};
      std::set<const AsyncFunction *> Seen;
      while (!Paths.empty()) {
        auto Path = Paths.back();
        Paths.pop_back();
        for (const FunctionDecl *Callee : Path.back()->StoredCallees) {
          auto It = ByDecl.find(Callee);
          if (It == ByDecl.end())
            continue;
          if (It->second == F.get()) {
            std::string Cycle;
            for (const AsyncFunction *P : Path)
              Cycle += P->Name + " -> ";
            const char *What = F->Kind == FunctionKind::Generator ? "generator"
                               : F->Kind == FunctionKind::Stream    ? "stream"
                                                                    : "async function";
            Diag.error(F->Decl->getLocation(),
                       std::string("recursive ") + What + ": " + Cycle + F->Name +
                           " would have infinite size; box the recursive call with "
                           "stackless::boxed(...)");
            Paths.clear();
            break;
          }
          if (Seen.insert(It->second).second) {
            auto Next = Path;
            Next.push_back(It->second);
            Paths.push_back(std::move(Next));
          }
        }
      }
    }
  }
};

} // namespace

std::string resolveLineMarkers(const std::string &Text, const std::string &OutputName) {
  // Inside generated code, a user statement's `#line N` holds for every line
  // of its lowering (an await is several lines, all of them line N), until
  // the next directive; generated scaffolding is attributed to the output.
  std::string Out;
  unsigned Line = 0; // lines emitted so far
  bool Generated = false, JustDirective = false;
  std::string Sticky;
  auto Emit = [&](std::string_view L) {
    Out += L;
    Out += '\n';
    ++Line;
  };
  size_t Pos = 0;
  while (Pos <= Text.size()) {
    size_t End = Text.find('\n', Pos);
    if (End == std::string::npos)
      End = Text.size();
    std::string_view L(Text.data() + Pos, End - Pos);
    std::string_view Trimmed = L.substr(std::min(L.find_first_not_of(' '), L.size()));
    if (Trimmed == OutputLineMarker) {
      Emit(fmt::format("#line {} \"{}\"", Line + 2, OutputName));
      Generated = true;
      Sticky.clear();
      JustDirective = true;
    } else if (Trimmed.rfind(SourceLineMarker, 0) == 0) {
      Emit("#line " + std::string(Trimmed.substr(std::string_view(SourceLineMarker).size())));
      Generated = false;
      Sticky.clear();
      JustDirective = true;
    } else if (Generated && Trimmed.rfind("#line ", 0) == 0) {
      Emit(Trimmed);
      Sticky = std::string(Trimmed);
      JustDirective = true;
    } else {
      if (Generated && !Sticky.empty() && !JustDirective)
        Emit(Sticky);
      JustDirective = false;
      if (End == Text.size()) {
        Out += L; // the last line keeps its (missing) newline
        break;
      }
      Emit(L);
    }
    Pos = End + 1;
  }
  return Out;
}

namespace {
class LayoutConsumer : public ASTConsumer {
public:
  LayoutConsumer(const std::vector<View> &Views, std::string &Table) : Views(Views), Table(Table) {}
  void HandleTranslationUnit(ASTContext &Ctx) override { Table = renderLayout(Views, Ctx); }

private:
  const std::vector<View> &Views;
  std::string &Table;
};
} // namespace

std::unique_ptr<ASTConsumer> LayoutAction::CreateASTConsumer(CompilerInstance &, llvm::StringRef) {
  return std::make_unique<LayoutConsumer>(Views, Table);
}

std::unique_ptr<ASTConsumer> TranspileAction::CreateASTConsumer(CompilerInstance &CI,
                                                                llvm::StringRef) {
  return std::make_unique<Consumer>(CI, Options, Output, Succeeded, Views);
}

} // namespace stackless
