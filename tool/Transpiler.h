//===- Transpiler.h - one input file through the whole pipeline ----------===//
//
//   parse (Clang) -> discover (ASTMatchers) -> analyze (scopes, CFG
//   liveness, storage) -> lower (Rewriter) -> emit (fmt, clang-format)
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Frontend/FrontendAction.h"

#include <memory>
#include <string>

namespace stackless {

struct TranspileOptions {
  std::string Emit = "code"; // code | layout | dot
};

/// Runs the pipeline on one file; on success, Output holds the rewritten
/// file. Diagnostics go through Clang's engine.
class TranspileAction : public clang::ASTFrontendAction {
public:
  TranspileAction(const TranspileOptions &Options, std::string &Output,
                  bool &Succeeded)
      : Options(Options), Output(Output), Succeeded(Succeeded) {}

protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef File) override;

private:
  const TranspileOptions &Options;
  std::string &Output;
  bool &Succeeded;
};

} // namespace stackless
