//===- Views.h - the teaching views: --emit=layout and --emit=dot ---------===//
//
// A View is what a student sees of one lowered function besides its code:
// its states, what each state holds, and how control moves between them.
// The dot view needs only the model; the layout view re-parses the lowered
// output with Clang and reads the real record layout (offsets and sizes are
// the compiler's, not our guess), so its totals equal sizeof.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <string>
#include <vector>

namespace stackless {

struct StateView {
  std::string Name;
  unsigned Line = 0; ///< of the suspension point (0 for others)
  std::string What;  ///< its source text
  /// What the state holds: (user-facing name, member path in the class).
  std::vector<std::pair<std::string, std::string>> Holds;
};

struct View {
  std::string Function, ClassName, File;
  unsigned Line = 0;
  bool IsTemplate = false;
  std::vector<StateView> States; ///< Unresumed, points..., Returned, Poisoned
  /// Transitions by state index; a label names the line that leads there.
  struct Edge {
    unsigned From, To;
    std::string Label;
    bool Exceptional = false;
  };
  std::vector<Edge> Edges;
  std::string StateMember; ///< the tag's member name
  std::string SelfMember;  ///< the pointer to the object of a member function, if any
};

/// The view of a lowered function (after Lowering has run).
View makeView(const AsyncFunction &F, clang::ASTContext &Ctx);

/// Graphviz: one digraph per function.
std::string renderDot(const std::vector<View> &Views);

/// The layout table, reading offsets and sizes from the lowered code's AST.
std::string renderLayout(const std::vector<View> &Views, clang::ASTContext &OutputCtx);

} // namespace stackless
