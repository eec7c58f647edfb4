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
#include <map>

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

/// Writes Text into Path as it is: for what is not a regular file (a
/// device such as /dev/null, a FIFO), which a rename would replace.
static bool writeInPlace(const Twine &Path, const std::string &Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path.str(), EC, sys::fs::OF_None);
  if (!EC) {
    OS << Text;
    OS.close();
  }
  if (EC || OS.has_error()) {
    errs() << "stackless: error: cannot write " << Path << (EC ? ": " + EC.message() : "") << "\n";
    return false;
  }
  return true;
}

/// Writes to a temporary file beside the target, then renames it: a failed
/// run never leaves a half-written or truncated output. A symbolic link is
/// followed (its target is replaced, the link stays); a device or a FIFO is
/// written into, as a compiler's -o does.
static bool writeAtomically(const std::string &Given, const std::string &Text) {
  if (Given == "-") {
    outs() << Text;
    outs().flush();
    return true;
  }
  SmallString<256> Path(Given);
  if (sys::fs::is_symlink_file(Given) && sys::fs::real_path(Given, Path))
    return writeInPlace(Given, Text); // a dangling link: the file it names is created
  sys::fs::file_status Status;
  if (!sys::fs::status(Path, Status) && Status.type() != sys::fs::file_type::regular_file)
    return writeInPlace(Path, Text);
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
  if (!OutputFile.empty() && !OutputDir.empty()) {
    errs() << "stackless: error: -o and --output-dir cannot be used together\n";
    return 1;
  }
  if (!DepFileName.empty() && Inputs.size() != 1) {
    errs() << "stackless: error: -MF names one depfile and takes a single input; without it, "
              "-MD writes <output>.d for each\n";
    return 1;
  }
  if (Emit != "code" && Emit != "layout" && Emit != "dot") {
    errs() << "stackless: error: --emit takes code, layout or dot\n";
    return 1;
  }

  // Where each input's output goes, checked before any work: never onto
  // an input, never two outputs onto one file.
  auto OutputPathOf = [&](const std::string &Input) -> std::string {
    if (OutputDir.empty())
      return OutputFile.empty() ? "-" : OutputFile.getValue();
    SmallString<256> P(OutputDir.getValue());
    sys::path::append(P, sys::path::filename(Input));
    return std::string(P);
  };
  std::map<std::string, std::string> OutputOwner;
  for (const std::string &Input : Inputs) {
    std::string Path = OutputPathOf(Input);
    if (Path == "-")
      continue;
    for (const std::string &Other : Inputs)
      if (sys::fs::equivalent(Other, Path)) {
        errs() << "stackless: error: the output " << Path << " would overwrite the input "
               << Other << "\n";
        return 1;
      }
    SmallString<256> Key(Path);
    sys::path::remove_dots(Key, /*remove_dot_dot=*/true);
    auto [It, New] = OutputOwner.emplace(std::string(Key), Input);
    if (!New) {
      errs() << "stackless: error: " << It->second << " and " << Input
             << " would both be written to " << Path << "\n";
      return 1;
    }
  }

  // The directory first: the depfiles (-MD) go there too, written while
  // Clang parses.
  if (!OutputDir.empty())
    if (std::error_code EC = sys::fs::create_directories(OutputDir.getValue())) {
      errs() << "stackless: error: cannot create " << OutputDir << ": " << EC.message() << "\n";
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
      // -MQ, not -MT: the target is quoted for make and ninja as the
      // dependencies are (`out\ file.cpp`).
      if (DepFile) {
        std::string Target = OutputPathOf(Input);
        if (Target == "-")
          Target = Input;
        std::string Name = DepFileName.empty() ? Target + ".d" : DepFileName.getValue();
        Tool->appendArgumentsAdjuster(getInsertArgumentAdjuster({"-MD", "-MF", Name, "-MQ", Target},
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
    std::string Path = OutputPathOf(Input);
    if (LineDirectives && Emit == "code")
      Output = stackless::resolveLineMarkers(Output, Path == "-" ? "<stdout>" : Path);
    if (!writeAtomically(Path, Output))
      Status = 1;
  }
  return Status;
}
