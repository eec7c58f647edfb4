//===- ScopeSharing.cpp - slots of disjoint scopes share storage ------------===//

#include "ScopeSharing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <map>
#include <set>

using namespace clang;

namespace stackless {

namespace {

/// A scope of the body holding shared slots, directly or in inner scopes.
struct Scope {
  const Stmt *S = nullptr;
  std::vector<unsigned> Vars;   ///< declared directly in it
  std::vector<Scope> Inner;     ///< inner scopes that hold any
};

bool opensScope(const Stmt *S) {
  return isa<CompoundStmt>(S) || isa<IfStmt>(S) || isa<ForStmt>(S) || isa<WhileStmt>(S) ||
         isa<SwitchStmt>(S) || isa<CXXForRangeStmt>(S) || isa<CXXCatchStmt>(S);
}

class Builder {
public:
  Builder(const std::map<const VarDecl *, unsigned> &Candidates, ASTContext &Ctx)
      : Candidates(Candidates), SM(Ctx.getSourceManager()) {}

  /// The scopes under S (S's own declarations go to Into).
  void build(const Stmt *S, Scope &Into) {
    if (const auto *Catch = dyn_cast<CXXCatchStmt>(S))
      add(Catch->getExceptionDecl(), Into);
    for (const Stmt *Child : S->children()) {
      if (!Child || isa<LambdaExpr>(Child))
        continue; // (a lambda's variables are its own)
      if (const auto *DS = dyn_cast<DeclStmt>(Child)) {
        for (const Decl *D : DS->decls())
          add(dyn_cast<VarDecl>(D), Into);
        continue;
      }
      if (!opensScope(Child)) {
        build(Child, Into);
        continue;
      }
      Scope Inner{Child, {}, {}};
      build(Child, Inner);
      if (!Inner.Vars.empty() || !Inner.Inner.empty())
        Into.Inner.push_back(std::move(Inner));
    }
  }

  /// The storage of Sc: its variables, and its inner scopes' storage, in
  /// it when only one holds any (they may be alive together), else in a
  /// union of one struct per inner scope.
  void lay(const Scope &Sc, ScopeStruct &Out) {
    llvm::append_range(Out.Vars, Sc.Vars);
    if (Sc.Inner.size() == 1) {
      lay(Sc.Inner.front(), Out);
      return;
    }
    if (Sc.Inner.empty())
      return;
    ScopeUnion U;
    U.TypeName = typeName("Scopes_L" + std::to_string(line(Sc.S)));
    std::set<std::string> Members;
    for (const Scope &Inner : Sc.Inner) {
      ScopeStruct Alt;
      std::string Kind = kindOf(Inner.S) + "_L" + std::to_string(line(Inner.S));
      Alt.TypeName = typeName(Kind);
      Alt.MemberName = llvm::StringRef(Kind).lower();
      for (unsigned I = 2; !Members.insert(Alt.MemberName).second; ++I)
        Alt.MemberName = llvm::StringRef(Kind).lower() + "_" + std::to_string(I);
      lay(Inner, Alt);
      U.Alternatives.push_back(std::move(Alt));
    }
    U.MemberName = "scopes_L" + std::to_string(line(Sc.S));
    Out.Unions.push_back(std::move(U));
  }

private:
  void add(const VarDecl *VD, Scope &Into) {
    if (auto It = VD ? Candidates.find(VD) : Candidates.end(); It != Candidates.end())
      Into.Vars.push_back(It->second);
  }
  /// `Block`, `If`, `Loop`, `Switch`, `Catch`: what the scope is, for names.
  static std::string kindOf(const Stmt *S) {
    if (isa<IfStmt>(S))
      return "If";
    if (isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<CXXForRangeStmt>(S))
      return "Loop";
    if (isa<SwitchStmt>(S))
      return "Switch";
    if (isa<CXXCatchStmt>(S))
      return "Catch";
    return "Block";
  }
  unsigned line(const Stmt *S) const { return SM.getExpansionLineNumber(S->getBeginLoc()); }
  /// Unique among the class's own type names.
  std::string typeName(const std::string &Base) {
    std::string Name = Base;
    for (unsigned I = 2; !Types.insert(Name).second; ++I)
      Name = Base + "_" + std::to_string(I);
    return Name;
  }

  const std::map<const VarDecl *, unsigned> &Candidates;
  const SourceManager &SM;
  std::set<std::string> Types;
};

/// Sets each variable's path under Prefix (`scopes_L2_.block_L3.`).
void name(std::vector<ScopeUnion> &Unions, const std::string &Prefix, AsyncFunction &F) {
  for (ScopeUnion &U : Unions)
    for (ScopeStruct &Alt : U.Alternatives) {
      std::string Path = Prefix + U.MemberName + "." + Alt.MemberName + ".";
      for (unsigned I : Alt.Vars) {
        F.Vars[I].InScopeUnion = true;
        F.Vars[I].MemberName = Path + F.Vars[I].Name;
      }
      name(Alt.Unions, Path, F);
    }
}

} // namespace

void shareScopeStorage(AsyncFunction &F, const FunctionDecl *FD, ASTContext &Ctx,
                       const std::function<std::string(const std::string &)> &Fresh) {
  std::map<const VarDecl *, unsigned> Candidates;
  for (unsigned I = 0; I < F.Vars.size(); ++I)
    if (F.Vars[I].Where == Storage::Shared && !F.Vars[I].IsParam)
      Candidates[F.Vars[I].Decl] = I;
  if (Candidates.size() < 2)
    return;
  Builder B(Candidates, Ctx);
  Scope Body{FD->getBody(), {}, {}};
  B.build(FD->getBody(), Body);
  ScopeStruct Frame; // the class itself: its variables stay plain members
  B.lay(Body, Frame);
  for (ScopeUnion &U : Frame.Unions)
    U.MemberName = Fresh(U.MemberName + "_");
  name(Frame.Unions, "", F);
  F.ScopeUnions = std::move(Frame.Unions);
}

} // namespace stackless
