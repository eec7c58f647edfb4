//===- Views.cpp - the teaching views: --emit=layout and --emit=dot -------===//
#include "Views.h"
#include "Analysis.h"
#include "Lowering.h"

#include "clang/AST/RecordLayout.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace stackless {
namespace {

/// Which suspension points (or the end) control reaches from each start
/// without passing another one: a walk over Clang's CFG.
std::vector<View::Edge> transitions(const AsyncFunction &F, ASTContext &Ctx) {
  std::vector<View::Edge> Edges;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F.Decl, F.Decl->getBody(), &Ctx, Options);
  unsigned Returned = F.Points.size() + 1;
  if (!Graph)
    return Edges;
  std::map<const Stmt *, unsigned> PointOf;
  for (const SuspendPoint &P : F.Points)
    PointOf[P.Call] = P.Index;
  struct Where {
    const CFGBlock *Block;
    unsigned Element;
  };
  std::map<unsigned, Where> Starts{{0, {&Graph->getEntry(), 0}}};
  for (const CFGBlock *B : *Graph)
    for (unsigned I = 0; I < B->size(); ++I)
      if (auto S = (*B)[I].getAs<CFGStmt>())
        if (auto It = PointOf.find(S->getStmt()); It != PointOf.end())
          Starts[It->second] = {B, I + 1};
  for (auto &[From, Start] : Starts) {
    std::set<unsigned> Targets;
    std::set<const CFGBlock *> Seen;
    std::function<void(const CFGBlock *, unsigned)> Walk = [&](const CFGBlock *B, unsigned First) {
      for (unsigned I = First; I < B->size(); ++I)
        if (auto S = (*B)[I].getAs<CFGStmt>())
          if (auto It = PointOf.find(S->getStmt()); It != PointOf.end()) {
            Targets.insert(It->second);
            return;
          }
      if (B == &Graph->getExit())
        Targets.insert(Returned);
      for (const CFGBlock::AdjacentBlock &Succ : B->succs())
        if (const CFGBlock *Next = Succ.getReachableBlock())
          if (Seen.insert(Next).second)
            Walk(Next, 0);
    };
    Walk(Start.Block, Start.Element);
    for (unsigned To : Targets) {
      std::string Label = To == Returned ? "return"
                                         : fmt::format("line {}: {}", F.Points[To - 1].Line,
                                                       F.Points[To - 1].SourceText);
      Edges.push_back({From, To, Label, false});
    }
  }
  return Edges;
}

std::string escape(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C == '\n' ? ' ' : C;
  }
  return Out;
}

} // namespace

View makeView(const AsyncFunction &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  View V;
  V.Function = F.Name;
  V.ClassName = F.ClassName;
  V.File = llvm::sys::path::filename(SM.getFilename(F.Decl->getLocation())).str();
  V.Line = SM.getExpansionLineNumber(F.Decl->getBeginLoc());
  V.IsTemplate = F.Template != nullptr;
  V.StateMember = F.StateMember;
  if (!F.SelfType.empty())
    V.SelfMember = F.SelfMember;
  auto Holds = [&](unsigned Member) {
    std::vector<std::pair<std::string, std::string>> Out;
    for (const Variable &Var : F.Vars) {
      bool Here =
          Member == 0 ? Var.IsParam && Var.isSaved() : Var.SavedAt.count(Member) && Var.isSaved();
      if (Here)
        Out.push_back({Var.Decl->getName().starts_with("__") || Var.Decl->getName().empty()
                           ? Var.Name
                           : Var.Decl->getName().str(),
                       slotPath(F, Var)});
    }
    for (const Temporary &T : F.Temps)
      if (T.AliveAt.count(Member))
        Out.push_back({T.Name, T.Name});
    if (Member > 0) {
      const SuspendPoint &P = F.Points[Member - 1];
      if (P.OperandIsTemporary && P.FutureInState)
        Out.push_back({"(awaited future)", futurePath(F, P)});
    }
    return Out;
  };
  V.States.push_back({"Unresumed", 0, "", Holds(0)});
  for (const SuspendPoint &P : F.Points)
    V.States.push_back({P.StateName, P.Line, P.SourceText, Holds(P.Index)});
  V.States.push_back({"Returned", 0, "", {}});
  V.States.push_back({"Poisoned", 0, "", {}});
  V.Edges = transitions(F, Ctx);
  unsigned Poisoned = F.Points.size() + 2;
  for (unsigned S = 0; S <= F.Points.size(); ++S)
    V.Edges.push_back({S, Poisoned, "exception", true});
  return V;
}

// One graph for the file (Graphviz renders only the first of several), a
// cluster per function, its nodes named f<function>s<state>.
std::string renderDot(const std::vector<View> &Views) {
  std::string Out = "digraph stackless {\n  rankdir=TB;\n"
                    "  node [shape=box, fontname=\"monospace\"];\n";
  for (unsigned F = 0; F < Views.size(); ++F) {
    const View &V = Views[F];
    Out += fmt::format("  subgraph \"cluster_{}\" {{\n", F);
    Out += fmt::format("    label=\"{} ({}:{}): {}\";\n    labelloc=t;\n", escape(V.Function),
                       escape(V.File), V.Line, escape(V.ClassName));
    for (unsigned I = 0; I < V.States.size(); ++I) {
      const StateView &S = V.States[I];
      std::string Held;
      for (const auto &[Name, Path] : S.Holds)
        Held += (Held.empty() ? "" : ", ") + Name;
      std::string Label = S.Name;
      if (!S.What.empty())
        Label += "\\n" + escape(S.What);
      if (!Held.empty())
        Label += "\\nholds: " + escape(Held);
      std::string Style = S.Name == "Returned"   ? ", style=rounded"
                          : S.Name == "Poisoned" ? ", style=dashed"
                                                 : "";
      Out += fmt::format("    f{}s{} [label=\"{}\"{}];\n", F, I, Label, Style);
    }
    for (const View::Edge &E : V.Edges)
      Out += fmt::format("    f{}s{} -> f{}s{} [label=\"{}\"{}];\n", F, E.From, F, E.To,
                         escape(E.Label), E.Exceptional ? ", style=dashed, color=gray" : "");
    Out += "  }\n";
  }
  Out += "}\n";
  return Out;
}

namespace {

const CXXRecordDecl *findClass(ASTContext &Ctx, const std::string &Name) {
  const CXXRecordDecl *Found = nullptr;
  std::function<void(const DeclContext *)> Search = [&](const DeclContext *DC) {
    for (const Decl *D : DC->decls()) {
      if (Found)
        return;
      if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
        if (RD->getName() == Name && RD->isCompleteDefinition() && !RD->isDependentType())
          Found = RD;
        else if (RD->isCompleteDefinition())
          Search(RD);
      } else if (const auto *NS = dyn_cast<NamespaceDecl>(D)) {
        Search(NS);
      } else if (const auto *FD = dyn_cast<FunctionDecl>(D);
                 FD && FD->doesThisDeclarationHaveABody() && !FD->isDependentContext()) {
        Search(FD); // a class local to a function
      }
    }
  };
  Search(Ctx.getTranslationUnitDecl());
  return Found;
}

/// Offset (bytes) and size of `a.b.c` in Record.
bool locate(ASTContext &Ctx, const CXXRecordDecl *Record, const std::string &Path, uint64_t &Offset,
            uint64_t &Size) {
  Offset = 0;
  const RecordDecl *Current = Record;
  size_t Pos = 0;
  while (Current) {
    size_t Dot = Path.find('.', Pos);
    std::string Part = Path.substr(Pos, Dot == std::string::npos ? std::string::npos : Dot - Pos);
    const ASTRecordLayout &Layout = Ctx.getASTRecordLayout(Current);
    const FieldDecl *Field = nullptr;
    for (const FieldDecl *FD : Current->fields())
      if (FD->getName() == Part)
        Field = FD;
    if (!Field)
      return false;
    Offset += Ctx.toCharUnitsFromBits(Layout.getFieldOffset(Field->getFieldIndex())).getQuantity();
    if (Dot == std::string::npos) {
      Size = Ctx.getTypeSizeInChars(Field->getType()).getQuantity();
      return true;
    }
    Current = Field->getType()->getAsRecordDecl();
    Pos = Dot + 1;
  }
  return false;
}

} // namespace

std::string renderLayout(const std::vector<View> &Views, ASTContext &Ctx) {
  std::string Out;
  for (const View &V : Views) {
    Out += fmt::format("{} ({}:{}): class {}\n", V.Function, V.File, V.Line, V.ClassName);
    const CXXRecordDecl *Record = V.IsTemplate ? nullptr : findClass(Ctx, V.ClassName);
    if (!Record) {
      Out += "  (a template: its layout depends on how it is used)\n\n";
      continue;
    }
    uint64_t Total = Ctx.getTypeSizeInChars(Ctx.getRecordType(Record)).getQuantity();
    uint64_t Align = Ctx.getTypeAlignInChars(Ctx.getRecordType(Record)).getQuantity();
    Out += fmt::format("  {:<36} {:>6} {:>6}  {}\n", "state", "offset", "size", "object");
    for (const StateView &S : V.States) {
      if (S.Holds.empty()) {
        Out += fmt::format("  {:<36} {:>6} {:>6}  {}\n", S.Name, "", "", "(nothing)");
        continue;
      }
      bool First = true;
      for (const auto &[Name, Path] : S.Holds) {
        uint64_t Offset = 0, Size = 0;
        if (!locate(Ctx, Record, Path, Offset, Size))
          continue;
        Out += fmt::format("  {:<36} {:>6} {:>6}  {}\n", First ? S.Name : "", Offset, Size, Name);
        First = false;
      }
    }
    uint64_t SelfOffset = 0, SelfSize = 0;
    if (!V.SelfMember.empty() && locate(Ctx, Record, V.SelfMember, SelfOffset, SelfSize))
      Out += fmt::format("  {:<36} {:>6} {:>6}  {}\n", "(the object, `this`)", SelfOffset,
                         SelfSize, V.SelfMember);
    uint64_t TagOffset = 0, TagSize = 0;
    if (locate(Ctx, Record, V.StateMember, TagOffset, TagSize))
      Out += fmt::format("  {:<36} {:>6} {:>6}  {}\n", "(state tag)", TagOffset, TagSize,
                         V.StateMember);
    Out += fmt::format("  sizeof {} = {}, alignof = {}{}\n\n", V.ClassName, Total, Align,
                       Record->isLocalClass() ? " (a class local to its function)" : "");
  }
  return Out;
}

} // namespace stackless
