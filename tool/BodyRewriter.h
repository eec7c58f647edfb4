//===- BodyRewriter.h - a clang::Rewriter over one function's body --------===//
//
// clang::Rewriter::getRewrittenText walks its buffer from the first character
// of the file on every call, so lowering function after function in the
// file's own buffer costs time proportional to (functions x file size): 1,000
// functions took minutes. Lowering reads rewritten text all the time
// (bottom-up: a parent reads its children's new text), so each body gets a
// buffer of its own: a copy of the body's text registered with the
// SourceManager as a file of its own, edited by a Rewriter of its own, with
// every location translated from the file into the copy. The text it
// produces is the same; only the walk is shorter.
//
// A body that was already edited in the file's buffer (it holds an async
// lambda lowered before it) is rewritten in place, as before.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/SourceManager.h"
#include "clang/Rewrite/Core/Rewriter.h"

#include <memory>
#include <string>

namespace stackless {

class BodyRewriter {
public:
  /// Body: the body's braces (a character range in the main file). With
  /// OwnBuffer false, every call goes to FileRW unchanged.
  BodyRewriter(clang::Rewriter &FileRW, clang::CharSourceRange Body, bool OwnBuffer);

  bool ReplaceText(clang::CharSourceRange Range, llvm::StringRef Text);
  bool InsertTextBefore(clang::SourceLocation Loc, llvm::StringRef Text);
  bool InsertTextAfterToken(clang::SourceLocation Loc, llvm::StringRef Text);
  std::string getRewrittenText(clang::CharSourceRange Range) const;

  /// False once a location fell outside the body (a bug of the caller).
  bool ok() const { return Ok; }

private:
  clang::SourceLocation map(clang::SourceLocation Loc) const;
  clang::CharSourceRange map(clang::CharSourceRange Range) const;

  clang::Rewriter &FileRW;
  std::unique_ptr<clang::Rewriter> Own; ///< null: edit FileRW
  clang::FileID File;                   ///< the file the body is in
  unsigned Begin = 0, End = 0;          ///< the body's offsets in File
  clang::SourceLocation CopyStart;      ///< the copy's first character
  mutable bool Ok = true;
};

} // namespace stackless
