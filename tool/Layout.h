//===- Layout.h - lay out generated code in the LLVM style ---------------===//
//
// The last step of emission. Generated code must read like code a person
// wrote, in the LLVM style with a 100-column limit (as clang-format lays it
// out). Three pieces:
//
//  - The emitter writes the class skeleton with its indentation already
//    right, and lines with trailing comments through a LineWriter, which
//    aligns the comments of consecutive lines as clang-format does.
//  - The lowered body arrives with lines that are right but indentation that
//    is not (lowered statements start at column 0, the user's statements keep
//    the indentation they had in the input): layOutBlock re-indents it by its
//    block structure, read from clang's raw lexer.
//  - fitColumnLimit hands the rare line past the column limit (a long type
//    name, say) to clang-format's library, with the whole snippet as context.
//
// Why not clang-format on everything: it lexes and annotates every token it
// is given even when asked to format a few lines, at ~16 us per generated
// line; a class is ~170 lines per async function, so 1,000 functions cost
// 2.7 s of formatting on top of a 0.6 s parse. The generated code has a
// simple, known shape, so the two passes above lay it out in milliseconds.
//
// layOutBlock, line by line:
//  - a line's indentation is 2 per enclosing brace; a `}` line takes that of
//    the line that opened the brace; labels, `case`, `default:` and access
//    specifiers sit one level out (LLVM: IndentCaseLabels false,
//    AccessModifierOffset -2); `label:` followed by a lone `{` becomes
//    `label: {`;
//  - a line that continues a statement (inside parentheses, or after a line
//    that did not end with `;`, `{`, `}` or a label) keeps its indentation
//    relative to the statement's first line, at least +4 (the user's own
//    continuation lines stay as they were written);
//  - a comment line is indented like the block's statements, or like a
//    `case` label that follows it if it was written level with it;
//  - preprocessor lines, and lines that begin inside a multi-line token (a
//    raw string, a block comment), are left exactly as they are;
//  - blank lines: at most one in a row, none right before a `}`;
//  - the user's own text within a line is never changed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/LangOptions.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace stackless {

inline constexpr unsigned LayoutColumnLimit = 100;

/// Text written line by line. Consecutive lines with trailing `//` comments
/// are held back until the group is complete, then written with their
/// comments one space after the longest code; a line that would then pass
/// the column limit starts a new group, and one too long with its comment
/// gets the comment on a line of its own above.
class LineWriter {
public:
  void line(unsigned Col, llvm::StringRef Text);
  void commented(unsigned Col, llvm::StringRef Code, llvm::StringRef Comment);
  void verbatim(llvm::StringRef Text);
  void blank();
  /// Appends to the last line written (which has no trailing comment).
  void appendToLast(llvm::StringRef Text);
  /// Everything written, each line ending with a newline.
  std::string finish();

private:
  struct Commented {
    unsigned Col;
    std::string Code, Comment;
  };
  std::string Result;
  std::vector<Commented> Group;
  size_t GroupCol = 0, GroupWidest = 0;
  void flushGroup();
};

/// Code re-indented by its block structure; its statements at column Col.
std::string layOutBlock(const std::string &Code, const clang::LangOptions &LangOpts,
                        unsigned Col);

/// The lines of Code longer than the column limit, laid out by clang-format's
/// library (LLVM style), with the rest of Code as their context.
std::string fitColumnLimit(const std::string &Code);

} // namespace stackless
