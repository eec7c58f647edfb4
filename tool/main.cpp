//===- main.cpp - the stackless command line ------------------------------===//
//
// Thin on purpose: options, one ClangTool run per input, atomic output, exit
// status. The pipeline lives in Transpiler.cpp.
//
//===----------------------------------------------------------------------===//
#include "Transpiler.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <functional>

using namespace clang::tooling;
using namespace llvm;

static cl::OptionCategory Category("stackless options");
static cl::opt<std::string> OutputFile("o", cl::desc("Output for a single input ('-' = stdout)"),
                                       cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> OutputDir("output-dir",
                                      cl::desc("One output per input, same file name"),
                                      cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> Emit("emit", cl::desc("code (default), layout or dot"),
                                 cl::init("code"), cl::cat(Category));
static cl::opt<bool> DepFile("MD",
                             cl::desc("Write a Makefile-style depfile of the input's includes"),
                             cl::cat(Category));
static cl::opt<std::string> DepFileName("MF", cl::desc("The depfile's name (with -MD)"),
                                        cl::value_desc("file"), cl::cat(Category));
static cl::opt<bool> LineDirectives("line-directives",
                                    cl::desc("Emit #line directives pointing back to the source"),
                                    cl::cat(Category));

/// A FrontendActionFactory from a callable (each ClangTool run needs one).
class ActionFactory : public FrontendActionFactory {
public:
  explicit ActionFactory(std::function<std::unique_ptr<clang::FrontendAction>()> Make)
      : Make(std::move(Make)) {}
  std::unique_ptr<clang::FrontendAction> create() override { return Make(); }

private:
  std::function<std::unique_ptr<clang::FrontendAction>()> Make;
};

/// Writes to a temporary file beside the target, then renames it: a failed
/// run never leaves a half-written or truncated output.
static bool writeAtomically(const std::string &Path, const std::string &Text) {
  if (Path == "-") {
    outs() << Text;
    outs().flush();
    return true;
  }
  SmallString<256> Temp(Path);
  Temp += ".stackless-tmp";
  {
    std::error_code EC;
    raw_fd_ostream OS(Temp, EC, sys::fs::OF_None);
    if (EC) {
      errs() << "stackless: error: cannot write " << Temp << ": " << EC.message() << "\n";
      return false;
    }
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      errs() << "stackless: error: cannot write " << Temp << "\n";
      sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    errs() << "stackless: error: cannot rename to " << Path << ": " << EC.message() << "\n";
    sys::fs::remove(Temp);
    return false;
  }
  return true;
}

int main(int argc, const char **argv) {
  auto Parser = CommonOptionsParser::create(argc, argv, Category, cl::OneOrMore,
                                            "stackless: lowers async C++ functions into "
                                            "state machines\n");
  if (!Parser) {
    errs() << toString(Parser.takeError()) << "\n";
    return 1;
  }
  const std::vector<std::string> &Inputs = Parser->getSourcePathList();
  if (!OutputFile.empty() && Inputs.size() != 1) {
    errs() << "stackless: error: -o takes a single input; use --output-dir\n";
    return 1;
  }
  if (Emit != "code" && Emit != "layout" && Emit != "dot") {
    errs() << "stackless: error: --emit takes code, layout or dot\n";
    return 1;
  }

  stackless::TranspileOptions Options;
  Options.LineDirectives = LineDirectives;
  int Status = 0;
  for (const std::string &Input : Inputs) {
    // A ClangTool with our flags; the layout view parses a second time.
    auto MakeTool = [&] {
      auto Tool =
          std::make_unique<ClangTool>(Parser->getCompilations(), std::vector<std::string>{Input});
      // Clang's builtin headers, wherever this binary is installed.
      Tool->appendArgumentsAdjuster(getInsertArgumentAdjuster(
          {"-resource-dir=" STACKLESS_CLANG_RESOURCE_DIR, "-fsyntax-only",
           // Lets a file tell the input (Async<T> everywhere) from the output.
           "-DSTACKLESS_TRANSPILING=1",
           // `return;` in an Async<void> function is valid input.
           "-Wno-return-type", "-Wno-return-mismatch",
           // The markers (await, yield) are declared, never defined: an
           // await of a future with a lambda in its type would warn.
           "-Wno-undefined-internal"},
          ArgumentInsertPosition::END));
      Tool->appendArgumentsAdjuster(getInsertArgumentAdjuster({"-I" STACKLESS_RUNTIME_INCLUDE_DIR},
                                                              ArgumentInsertPosition::END));
      // The depfile comes from Clang's own dependency collector; its target is
      // our output, so that editing an included header reruns the tool.
      if (DepFile) {
        std::string Target = OutputFile.empty() ? Input : OutputFile.getValue();
        if (!OutputDir.empty()) {
          SmallString<256> P(OutputDir.getValue());
          sys::path::append(P, sys::path::filename(Input));
          Target = std::string(P);
        }
        std::string Name = DepFileName.empty() ? Target + ".d" : DepFileName.getValue();
        Tool->appendArgumentsAdjuster(getInsertArgumentAdjuster({"-MD", "-MF", Name, "-MT", Target},
                                                                ArgumentInsertPosition::END));
      }
      return Tool;
    };
    std::unique_ptr<ClangTool> Tool = MakeTool();
    std::string Output;
    bool Succeeded = false;
    std::vector<stackless::View> Views;
    ActionFactory Lower([&] {
      // The views (a CFG per function) only for the views that print them.
      return std::make_unique<stackless::TranspileAction>(Options, Output, Succeeded,
                                                          Emit == "code" ? nullptr : &Views);
    });
    int RC = Tool->run(&Lower);
    if (RC != 0 || !Succeeded) {
      Status = 1;
      continue;
    }
    if (Emit == "dot") {
      Output = stackless::renderDot(Views);
    } else if (Emit == "layout") {
      // Parse the lowered code in place of the input (same flags, same
      // directory) and read the compiler's own record layouts.
      std::string Table;
      std::unique_ptr<ClangTool> Again = MakeTool();
      Again->mapVirtualFile(Input, Output);
      ActionFactory Layout([&] { return std::make_unique<stackless::LayoutAction>(Views, Table); });
      if (Again->run(&Layout) != 0) {
        errs() << "stackless: error: the lowered code of " << Input
               << " does not compile; no layout\n";
        Status = 1;
        continue;
      }
      Output = Table;
    }
    std::string Path = OutputFile.empty() ? "-" : OutputFile.getValue();
    if (!OutputDir.empty()) {
      if (std::error_code EC = sys::fs::create_directories(OutputDir.getValue())) {
        errs() << "stackless: error: cannot create " << OutputDir << ": " << EC.message() << "\n";
        Status = 1;
        continue;
      }
      SmallString<256> P(OutputDir.getValue());
      sys::path::append(P, sys::path::filename(Input));
      Path = std::string(P);
    }
    if (LineDirectives && Emit == "code")
      Output = stackless::resolveLineMarkers(Output, Path == "-" ? "<stdout>" : Path);
    if (!writeAtomically(Path, Output))
      Status = 1;
  }
  return Status;
}
