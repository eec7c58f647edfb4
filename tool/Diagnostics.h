//===- Diagnostics.h - clang-style errors for unsupported or bad input ----===//
#pragma once

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <utility>

namespace stackless {

/// Reports `file:line:col: error: ...` through Clang's DiagnosticsEngine, so
/// IDEs can jump to it, and remembers that the output must not be written.
class Diagnostics {
public:
  explicit Diagnostics(clang::DiagnosticsEngine &Engine) : Engine(Engine) {}

  void error(clang::SourceLocation Loc, llvm::StringRef Message) {
    // The same construct may be reached twice (e.g. a for-increment).
    if (!Reported.insert({Loc.getRawEncoding(), Message.str()}).second)
      return;
    unsigned ID = Engine.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0");
    Engine.Report(Loc, ID) << Message;
    ++Errors;
  }
  void note(clang::SourceLocation Loc, llvm::StringRef Message) {
    unsigned ID = Engine.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
    Engine.Report(Loc, ID) << Message;
  }
  unsigned errors() const { return Errors; }

private:
  clang::DiagnosticsEngine &Engine;
  unsigned Errors = 0;
  std::set<std::pair<unsigned, std::string>> Reported;
};

} // namespace stackless
