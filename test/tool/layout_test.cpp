// The layout pass (tool/Layout.h): generated code re-indented by its block
// structure as clang-format's LLVM style would lay it out, the user's text
// within a line left alone, raw strings and directives untouched.
#include "Layout.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"

#include <gtest/gtest.h>

namespace {

clang::LangOptions cxx17() {
  clang::LangOptions LO;
  LO.CPlusPlus = LO.CPlusPlus11 = LO.CPlusPlus14 = LO.CPlusPlus17 = true;
  LO.RawStringLiterals = true;
  return LO;
}

std::string layOut(const std::string &Code, unsigned Col = 0) {
  return stackless::layOutBlock(Code, cxx17(), Col);
}

/// clang-format's library on all of Code: what the layout pass imitates.
std::string clangFormat(const std::string &Code) {
  clang::format::FormatStyle Style = clang::format::getLLVMStyle();
  Style.ColumnLimit = stackless::LayoutColumnLimit;
  auto R = clang::format::reformat(Style, Code, {clang::tooling::Range(0, Code.size())});
  return *clang::tooling::applyAllReplacements(Code, R);
}

TEST(Layout, LoweredStatementsAreIndentedByTheirBlocks) {
  // The shape lowering produces: statements at column 0, labels, a switch.
  std::string In = "{\n"
                   "int k = 0;\n"
                   "for (; k < 3; ++k) {\n"
                   "Suspend0:\n"
                   "if (!ready(cx)) {\n"
                   "state_ = State::Suspend0;\n"
                   "return pending();\n"
                   "}\n"
                   "switch (k) {\n"
                   "case 1:\n"
                   "s += 1;\n"
                   "break;\n"
                   "default:\n"
                   "break;\n"
                   "}\n"
                   "}\n"
                   "}\n";
  std::string Want = "{\n"
                     "  int k = 0;\n"
                     "  for (; k < 3; ++k) {\n"
                     "  Suspend0:\n"
                     "    if (!ready(cx)) {\n"
                     "      state_ = State::Suspend0;\n"
                     "      return pending();\n"
                     "    }\n"
                     "    switch (k) {\n"
                     "    case 1:\n"
                     "      s += 1;\n"
                     "      break;\n"
                     "    default:\n"
                     "      break;\n"
                     "    }\n"
                     "  }\n"
                     "}\n";
  EXPECT_EQ(layOut(In), Want);
  EXPECT_EQ(clangFormat(In), Want); // as clang-format lays it out
}

TEST(Layout, StatementsStartAtTheGivenColumn) {
  EXPECT_EQ(layOut("a();\n  {\nb();\n}\nL:\nc();\n", 6),
            "      a();\n      {\n        b();\n      }\n    L:\n      c();\n");
}

TEST(Layout, ContinuationLinesKeepTheirRelativeIndentation) {
  // The user's own multi-line statement, written at column 4 in the input.
  std::string In = "{\n"
                   "    int x = f(a,\n"
                   "              b);\n"
                   "    if (x)\n"
                   "      g();\n"
                   "    int y =\n"
                   "g();\n"
                   "}\n";
  EXPECT_EQ(layOut(In), "{\n"
                        "  int x = f(a,\n"
                        "            b);\n"
                        "  if (x)\n"
                        "    g();\n"
                        "  int y =\n"
                        "      g();\n"
                        "}\n");
}

TEST(Layout, LambdaBodiesAreIndentedFromTheirLine) {
  std::string In = "{\n"
                   "run([&] {\n"
                   "work();\n"
                   "},\n"
                   "    more);\n"
                   "done();\n"
                   "}\n";
  EXPECT_EQ(layOut(In), "{\n"
                        "  run([&] {\n"
                        "    work();\n"
                        "  },\n"
                        "      more);\n"
                        "  done();\n"
                        "}\n");
}

TEST(Layout, RawStringsAndDirectivesAreLeftAlone) {
  std::string In = "{\n"
                   "        const char *s = R\"(first   \n"
                   "   second {\n"
                   "  )\";\n"
                   "#if X\n"
                   "        x();\n"
                   "#endif\n"
                   "   /* a block\n"
                   "        comment */\n"
                   "        y();\n"
                   "}\n";
  EXPECT_EQ(layOut(In), "{\n"
                        "  const char *s = R\"(first   \n"
                        "   second {\n"
                        "  )\";\n"
                        "#if X\n"
                        "  x();\n"
                        "#endif\n"
                        "  /* a block\n"
                        "        comment */\n"
                        "  y();\n"
                        "}\n");
}

TEST(Layout, CommentsGoWithTheCodeThatFollows) {
  std::string In = "switch (k) {\n"
                   "// before the first case\n"
                   "case 1:\n"
                   "a();\n"
                   "// line 9: await(x)\n"
                   "Suspend1:\n"
                   "b();\n"
                   "  // last words\n"
                   "}\n";
  EXPECT_EQ(layOut(In), "switch (k) {\n"
                        "// before the first case\n"
                        "case 1:\n"
                        "  a();\n"
                        "  // line 9: await(x)\n"
                        "Suspend1:\n"
                        "  b();\n"
                        "  // last words\n"
                        "}\n");
}

TEST(Layout, ALabelBeforeABraceTakesIt) {
  std::string In = "switch (k) {\n"
                   "case 1:\n"
                   "{\n"
                   "a();\n"
                   "}\n"
                   "break;\n"
                   "}\n";
  EXPECT_EQ(layOut(In), "switch (k) {\n"
                        "case 1: {\n"
                        "  a();\n"
                        "}\n"
                        "  break;\n"
                        "}\n");
}

TEST(Layout, BracesOnLinesOfTheirOwnStayUnderTheirStatement) {
  EXPECT_EQ(layOut("if (x)\n{\na();\n}\n"), "if (x)\n{\n  a();\n}\n");
}

TEST(Layout, BlankLinesAreCollapsedAndDroppedBeforeAClosingBrace) {
  EXPECT_EQ(layOut("{\na();\n\n\n\nb();\n\n}\n"), "{\n  a();\n\n  b();\n}\n");
}

TEST(Layout, TrailingCommentsAreAligned) {
  std::string In = "int a;  // one\n"
                   "long bb;  // two\n"
                   "c();\n"
                   "int d;  // three\n";
  std::string Want = "int a;   // one\n"
                     "long bb; // two\n"
                     "c();\n"
                     "int d; // three\n";
  EXPECT_EQ(layOut(In), Want);
  EXPECT_EQ(clangFormat(In), Want);
}

TEST(Layout, ACommentTooLongToTrailGoesAbove) {
  std::string Code(70, 'x');
  std::string Comment = "// " + std::string(40, 'c');
  EXPECT_EQ(layOut(Code + "; " + Comment + "\n"), Comment + "\n" + Code + ";\n");
}

TEST(Layout, LineWriterAlignsGroupsWithinTheColumnLimit) {
  stackless::LineWriter W;
  W.commented(2, "int a;", "// a");
  W.commented(2, "int b;", "// b");
  W.line(2, "int c;");
  W.commented(2, std::string(60, 'd') + ";", "// " + std::string(30, 'x'));
  W.commented(2, "int e;", "// e");
  EXPECT_EQ(W.finish(), "  int a; // a\n"
                        "  int b; // b\n"
                        "  int c;\n"
                        "  " + std::string(60, 'd') + "; // " + std::string(30, 'x') + "\n"
                        "  int e;                                                        // e\n");
}

TEST(Layout, FitColumnLimitBreaksOnlyLongLines) {
  std::string Long = "void f() {\n  int   short_one = 1;\n  call(" + std::string(60, 'a') + ", " +
                     std::string(60, 'b') + ");\n}\n";
  std::string Got = stackless::fitColumnLimit(Long);
  EXPECT_NE(Got.find("  int   short_one = 1;\n"), std::string::npos) << Got; // untouched
  for (size_t B = 0, E; B < Got.size(); B = E + 1) {
    E = Got.find('\n', B);
    EXPECT_LE(E - B, stackless::LayoutColumnLimit) << Got;
  }
  std::string Short = "void f() {\n  int   x = 1;\n}\n";
  EXPECT_EQ(stackless::fitColumnLimit(Short), Short);
}

} // namespace
