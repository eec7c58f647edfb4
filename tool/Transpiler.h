//===- Transpiler.h - one input file through the whole pipeline ----------===//
//
//   parse (Clang) -> discover (ASTMatchers) -> analyze (scopes, CFG
//   liveness, storage) -> lower (Rewriter) -> emit (fmt) -> lay out
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Views.h"

#include "clang/Frontend/FrontendAction.h"

#include <memory>
#include <string>

namespace stackless {

struct TranspileOptions {
  bool LineDirectives = false; // #line back to the source, for debuggers
};

/// With --line-directives, generated code is attributed to the output file
/// itself: the pipeline leaves this marker on a line of its own, and
/// resolveLineMarkers() turns it into `#line <next line> "<output>"` once the
/// output's name and final layout are known.
inline constexpr const char *OutputLineMarker = "//@stackless:output-line";
/// ... and this one, followed by `N "file"`, where the user's own text
/// resumes after generated code.
inline constexpr const char *SourceLineMarker = "//@stackless:source-line ";
std::string resolveLineMarkers(const std::string &Text, const std::string &OutputName);

/// Runs the pipeline on one file; on success, Output holds the rewritten
/// file. Diagnostics go through Clang's engine.
class TranspileAction : public clang::ASTFrontendAction {
public:
  TranspileAction(const TranspileOptions &Options, std::string &Output, bool &Succeeded,
                  std::vector<View> *Views = nullptr)
      : Options(Options), Output(Output), Succeeded(Succeeded), Views(Views) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &CI,
                                                        llvm::StringRef File) override;

private:
  const TranspileOptions &Options;
  std::string &Output;
  bool &Succeeded;
  std::vector<View> *Views;
};

/// Parses the lowered output and prints the layout view of its classes.
class LayoutAction : public clang::ASTFrontendAction {
public:
  LayoutAction(const std::vector<View> &Views, std::string &Table) : Views(Views), Table(Table) {}

protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &CI,
                                                        llvm::StringRef File) override;

private:
  const std::vector<View> &Views;
  std::string &Table;
};

} // namespace stackless
