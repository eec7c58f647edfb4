//===- Layout.cpp - lay out generated code in the LLVM style -------------===//
#include "Layout.h"

#include "clang/Basic/SourceLocation.h"
#include "clang/Format/Format.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <vector>

using namespace clang;

namespace stackless {
namespace {

struct Tok {
  unsigned Begin, End; // offsets in the code
  tok::TokenKind Kind;
};

struct Line {
  unsigned Begin, End;        // offsets; End excludes the newline
  int First = -1, Last = -1;  // tokens that begin on this line
  bool BeginsInToken = false; // the line starts inside a multi-line token
  bool EndsInToken = false;   // ... or a multi-line token starts here
  bool Directive = false;     // a preprocessor line (or its continuation)
};

/// What the line being laid out belongs to: the statement that began on an
/// earlier line, where it was, and where it is now.
struct Statement {
  unsigned Col = 0, OrigCol = 0;
};

struct Open {
  char Kind; // '{', '(' or '['
  unsigned ContentCol = 0, CloseCol = 0;
  Statement Enclosing; // restored when the brace closes
};

} // namespace

// ---- LineWriter ------------------------------------------------------------------

void LineWriter::line(unsigned Col, llvm::StringRef Text) {
  flushGroup();
  Result.append(Col, ' ');
  Result.append(Text.data(), Text.size());
  Result += '\n';
}

void LineWriter::verbatim(llvm::StringRef Text) { line(0, Text); }

void LineWriter::commented(unsigned Col, llvm::StringRef CodeText, llvm::StringRef Comment) {
  size_t CodeWidth = Col + CodeText.size();
  if (CodeWidth + 1 + Comment.size() > LayoutColumnLimit) {
    // Too long with its comment: the comment goes on a line of its own above.
    line(Col, Comment);
    line(Col, CodeText);
    return;
  }
  size_t NewCol = std::max(GroupCol, CodeWidth + 1);
  size_t NewWidest = std::max(GroupWidest, Comment.size());
  if (!Group.empty() && NewCol + NewWidest > LayoutColumnLimit) {
    flushGroup();
    NewCol = CodeWidth + 1;
    NewWidest = Comment.size();
  }
  Group.push_back({Col, CodeText.str(), Comment.str()});
  GroupCol = NewCol;
  GroupWidest = NewWidest;
}

void LineWriter::blank() {
  flushGroup();
  if (!Result.empty())
    Result += '\n';
}

void LineWriter::appendToLast(llvm::StringRef Text) {
  flushGroup();
  if (Result.empty())
    line(0, Text);
  else
    Result.insert(Result.size() - 1, Text.str());
}

std::string LineWriter::finish() {
  flushGroup();
  return std::move(Result);
}

void LineWriter::flushGroup() {
  for (const Commented &C : Group) {
    size_t Begin = Result.size();
    Result.append(C.Col, ' ');
    Result += C.Code;
    Result.append(GroupCol - (Result.size() - Begin), ' ');
    Result += C.Comment;
    Result += '\n';
  }
  Group.clear();
  GroupCol = GroupWidest = 0;
}

// ---- the layout pass ------------------------------------------------------------

namespace {

class LayoutPass {
public:
  LayoutPass(const std::string &Code, const LangOptions &LO, unsigned BaseCol)
      : Code(Code), BaseCol(BaseCol) {
    lex(LO);
  }

  std::string run() {
    LineWriter Out;
    // Comment lines waiting for the next code line, each with whether a
    // blank line came before it.
    std::vector<std::pair<size_t, bool>> Pending;
    unsigned Blanks = 0;
    auto FlushBlanks = [&](bool BeforeClose) {
      if (Blanks && !BeforeClose)
        Out.blank();
      Blanks = 0;
    };
    // Comments go with the block's statements, except those written level
    // with a `case` label that follows them (as clang-format decides).
    auto FlushComments = [&](unsigned Col, unsigned CaseCol = 0, int CaseOrig = -1) {
      for (auto [I, BlankBefore] : Pending) {
        if (BlankBefore)
          Out.blank();
        Out.line(int(indentOf(Lines[I])) <= CaseOrig ? CaseCol : Col, trimmed(Lines[I]));
      }
      Pending.clear();
    };
    bool AfterLabel = false; // the last line written is a label

    for (size_t I = 0; I < Lines.size(); ++I) {
      const Line &L = Lines[I];
      if (L.BeginsInToken || L.Directive) {
        AfterLabel = false;
        FlushComments(contentCol());
        FlushBlanks(false);
        Out.verbatim(text(L.Begin, L.End));
        if (!L.Directive && L.First >= 0) {
          structure(L, indentOf(L), /*UpdateStatement=*/false);
          AtStatementStart = endsStatement(L, false);
        }
        continue;
      }
      int Sig = firstSignificant(L);
      if (L.First < 0) { // blank
        ++Blanks;
        continue;
      }
      if (Sig < 0) { // comments only
        Pending.push_back({I, Blanks > 0});
        Blanks = 0;
        continue;
      }
      const Tok &First = Toks[Sig];
      if (First.Kind == tok::l_brace && L.First == L.Last && AfterLabel && Pending.empty() &&
          !Blanks) {
        // `label:` then `{` alone: `label: {`, the block indented from the label.
        Out.appendToLast(" {");
        structure(L, Current.Col, /*UpdateStatement=*/true);
        AtStatementStart = true;
        AfterLabel = false;
        continue;
      }
      unsigned Orig = indentOf(L);
      bool InParens = !Stack.empty() && Stack.back().Kind != '{';
      bool Continuation = InParens || !AtStatementStart;
      bool Label = !Continuation && isLabelLine(L, Sig);
      unsigned Col;
      if (First.Kind == tok::r_brace) {
        Col = innermostBrace() ? innermostBrace()->CloseCol : BaseCol;
        FlushComments(contentCol());
      } else if (First.Kind == tok::l_brace && Continuation && !InParens) {
        Col = Current.Col; // a brace on a line of its own stays under its statement
        FlushComments(Col);
      } else if (Continuation) {
        Col = Current.Col + (Orig > Current.OrigCol ? Orig - Current.OrigCol : 4);
        FlushComments(Col);
      } else {
        Col = contentCol();
        if (Label)
          Col = Col >= 2 ? Col - 2 : 0;
        bool Case = Label && (is(Sig, "case") || is(Sig, "default"));
        FlushComments(contentCol(), Col, Case ? int(Orig) : -1);
        Current = {Col, Orig};
      }
      FlushBlanks(First.Kind == tok::r_brace);
      bool Comment = L.Last > Sig && Toks[L.Last].Kind == tok::comment &&
                     Code.compare(Toks[L.Last].Begin, 2, "//") == 0 && !L.EndsInToken;
      if (Comment) // `code  // comment` -> `code // comment`, aligned
        Out.commented(Col, trim(text(L.Begin, Toks[L.Last - 1].End)),
                      text(Toks[L.Last].Begin, Toks[L.Last].End));
      else
        Out.line(Col, trimmed(L));
      structure(L, Col, /*UpdateStatement=*/true);
      AtStatementStart = endsStatement(L, Label);
      AfterLabel = Label && !Comment && Toks[lastSignificant(L)].Kind == tok::colon;
    }
    FlushComments(contentCol());
    FlushBlanks(false);

    return Out.finish();
  }

private:
  const std::string &Code;
  const unsigned BaseCol; // where the block's statements go
  std::vector<Tok> Toks;
  std::vector<Line> Lines;
  std::vector<Open> Stack;
  Statement Current;
  bool AtStatementStart = true;

  void lex(const LangOptions &LO) {
    // Physical lines (each written back with a newline).
    for (size_t Begin = 0; Begin < Code.size();) {
      size_t End = std::min(Code.find('\n', Begin), Code.size());
      Lines.push_back({unsigned(Begin), unsigned(End)});
      Begin = End + 1;
    }
    // Tokens (comments kept), in order; each assigned to the line it begins on.
    Lexer Lex(SourceLocation(), LO, Code.data(), Code.data(), Code.data() + Code.size());
    Lex.SetCommentRetentionState(true);
    Token T;
    size_t LineIndex = 0;
    bool InDirective = false;
    while (true) {
      Lex.LexFromRawLexer(T);
      if (T.is(tok::eof))
        break;
      unsigned End = unsigned(Lex.getBufferLocation() - Code.data());
      unsigned TokBegin = End - T.getLength();
      while (LineIndex + 1 < Lines.size() && Lines[LineIndex + 1].Begin <= TokBegin)
        ++LineIndex;
      int Index = int(Toks.size());
      Toks.push_back({TokBegin, End, T.getKind()});
      Line &L = Lines[LineIndex];
      if (T.isAtStartOfLine())
        InDirective = T.is(tok::hash);
      if (L.First < 0) {
        L.First = Index;
        L.Directive = InDirective;
      }
      L.Last = Index;
      // A token that runs over lines: the lines it reaches are not ours to indent.
      if (End > L.End) {
        L.EndsInToken = true;
        for (size_t J = LineIndex + 1; J < Lines.size() && Lines[J].Begin < End; ++J)
          Lines[J].BeginsInToken = true;
      }
    }
    // Continuation lines of a directive (after a backslash) stay as written.
    for (size_t I = 1; I < Lines.size(); ++I)
      if (Lines[I - 1].Directive && Lines[I - 1].End > Lines[I - 1].Begin &&
          Code[Lines[I - 1].End - 1] == '\\')
        Lines[I].Directive = true;
  }

  llvm::StringRef text(unsigned Begin, unsigned End) const {
    return llvm::StringRef(Code).slice(Begin, End);
  }

  static llvm::StringRef trim(llvm::StringRef S) { return S.trim(" \t\r"); }

  /// The line without its indentation (and, unless a multi-line token
  /// begins on it, whose trailing spaces are the program's, without
  /// trailing spaces).
  llvm::StringRef trimmed(const Line &L) const {
    llvm::StringRef S = text(L.Begin, L.End).ltrim(" \t");
    return L.EndsInToken ? S : S.rtrim(" \t\r");
  }

  unsigned indentOf(const Line &L) const {
    unsigned N = 0;
    while (L.Begin + N < L.End && (Code[L.Begin + N] == ' ' || Code[L.Begin + N] == '\t'))
      ++N;
    return N;
  }

  int firstSignificant(const Line &L) const {
    if (L.First < 0)
      return -1;
    for (int I = L.First; I <= L.Last; ++I)
      if (Toks[I].Kind != tok::comment)
        return I;
    return -1;
  }

  int lastSignificant(const Line &L) const {
    for (int I = L.Last; I >= L.First && I >= 0; --I)
      if (Toks[I].Kind != tok::comment)
        return I;
    return -1;
  }

  bool is(int I, const char *Spelling) const {
    const Tok &T = Toks[I];
    return Code.compare(T.Begin, T.End - T.Begin, Spelling) == 0;
  }

  /// `name:`, `case ...:`, `default:`, `public:` and the like.
  bool isLabelLine(const Line &L, int Sig) const {
    if (Toks[Sig].Kind != tok::raw_identifier)
      return false;
    if (is(Sig, "case"))
      return true;
    return Sig + 1 <= L.Last && Toks[Sig + 1].Kind == tok::colon;
  }

  const Open *innermostBrace() const {
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (It->Kind == '{')
        return &*It;
    return nullptr;
  }

  unsigned contentCol() const {
    const Open *B = innermostBrace();
    return B ? B->ContentCol : BaseCol;
  }

  /// Follows the brackets of a line laid out at column Col.
  void structure(const Line &L, unsigned Col, bool UpdateStatement) {
    if (L.First < 0)
      return;
    int LastSig = lastSignificant(L);
    for (int I = L.First; I <= L.Last; ++I) {
      switch (Toks[I].Kind) {
      case tok::l_brace: {
        bool InParens = !Stack.empty() && Stack.back().Kind != '{';
        // A block's brace ends its line: the block is indented from its
        // statement. A brace inside an expression (a lambda, a braced list)
        // is indented from the line it is on.
        unsigned Base = (UpdateStatement && I == LastSig && !InParens) ? Current.Col : Col;
        Stack.push_back({'{', Base + 2, Base, Current});
        break;
      }
      case tok::r_brace:
        while (!Stack.empty()) {
          Open O = Stack.back();
          Stack.pop_back();
          if (O.Kind == '{') {
            Current = O.Enclosing;
            break;
          }
        }
        break;
      case tok::l_paren:
        Stack.push_back({'(', 0, 0, Current});
        break;
      case tok::l_square:
        Stack.push_back({'[', 0, 0, Current});
        break;
      case tok::r_paren:
      case tok::r_square:
        if (!Stack.empty() && Stack.back().Kind != '{')
          Stack.pop_back();
        break;
      default:
        break;
      }
    }
  }

  /// Does the next line begin a statement (or a list element, or a member)?
  bool endsStatement(const Line &L, bool Label) const {
    int I = lastSignificant(L);
    if (I < 0)
      return AtStatementStart;
    switch (Toks[I].Kind) {
    case tok::semi:
    case tok::l_brace:
    case tok::r_brace:
      return true;
    case tok::colon:
      return Label;
    case tok::comma:
      return !Stack.empty() && Stack.back().Kind == '{';
    case tok::greater:
    case tok::greatergreater:
      // `template <class T>` on a line of its own
      return is(firstSignificant(L), "template");
    default:
      return false;
    }
  }

};

} // namespace

std::string layOutBlock(const std::string &Code, const LangOptions &LangOpts, unsigned Col) {
  return LayoutPass(Code, LangOpts, Col).run();
}

std::string fitColumnLimit(const std::string &Code) {
  std::vector<tooling::Range> Long;
  for (size_t Begin = 0; Begin < Code.size();) {
    size_t End = Code.find('\n', Begin);
    if (End == std::string::npos)
      End = Code.size();
    if (End - Begin > LayoutColumnLimit)
      Long.push_back(tooling::Range(Begin, End - Begin));
    Begin = End + 1;
  }
  if (Long.empty())
    return Code;
  format::FormatStyle Style = format::getLLVMStyle();
  Style.ColumnLimit = LayoutColumnLimit;
  tooling::Replacements R = format::reformat(Style, Code, Long);
  auto Formatted = tooling::applyAllReplacements(Code, R);
  return Formatted ? *Formatted : Code;
}

} // namespace stackless
