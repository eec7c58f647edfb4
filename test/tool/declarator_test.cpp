// Declarators (tool/Model.h): a variable or parameter declared from the
// type Clang prints, the name where C++ puts it (inside `(*)`, before an
// array's brackets, before a function type's parameters).
#include "Model.h"

#include <gtest/gtest.h>

namespace {

using stackless::declarator;
using stackless::newExpressionType;

TEST(Declarator, NameAfterTheType) {
  EXPECT_EQ(declarator("int", "x"), "int x");
  EXPECT_EQ(declarator("int *", "p"), "int *p");
  EXPECT_EQ(declarator("const std::string &", "s"), "const std::string &s");
  EXPECT_EQ(declarator("int S::*", "pm"), "int S::*pm");
  EXPECT_EQ(declarator("std::vector<void (*)(int)>", "v"), "std::vector<void (*)(int)> v");
  EXPECT_EQ(declarator("std::decay_t<decltype(std::declval<int *>())>", "d"),
            "std::decay_t<decltype(std::declval<int *>())> d");
}

TEST(Declarator, PointersToFunctionsAndArrays) {
  EXPECT_EQ(declarator("bool (*)(int)", "pred"), "bool (*pred)(int)");
  EXPECT_EQ(declarator("void (*)(const char *)", "cb"), "void (*cb)(const char *)");
  EXPECT_EQ(declarator("const char *(*)(int)", "f"), "const char *(*f)(int)");
  EXPECT_EQ(declarator("int (S::*)(int) const", "pm"), "int (S::*pm)(int) const");
  EXPECT_EQ(declarator("int (*)[3]", "p"), "int (*p)[3]");
  EXPECT_EQ(declarator("int (&)[3]", "r"), "int (&r)[3]");
  EXPECT_EQ(declarator("int (*[2])(int)", "fns"), "int (*fns[2])(int)");
}

TEST(Declarator, ArraysAndFunctionTypes) {
  EXPECT_EQ(declarator("int[3]", "a"), "int a[3]");
  EXPECT_EQ(declarator("char[2][4]", "m"), "char m[2][4]");
  // A reference to one, then its name: `const int (&arr)[3]`.
  EXPECT_EQ(declarator("const int[3]", "&"), "const int (&)[3]");
  EXPECT_EQ(declarator(declarator("const int[3]", "&"), "arr"), "const int (&arr)[3]");
  EXPECT_EQ(declarator("int (int)", "&"), "int (&)(int)");
  EXPECT_EQ(declarator(declarator("int (const char *)", "&"), "f"), "int (&f)(const char *)");
}

TEST(Declarator, NewExpressionTypes) {
  EXPECT_EQ(newExpressionType("int"), "int");
  EXPECT_EQ(newExpressionType("int *"), "int *");
  EXPECT_EQ(newExpressionType("bool (*)(int)"), "(bool (*)(int))");
  EXPECT_EQ(newExpressionType("const int (*)[3]"), "(const int (*)[3])");
  EXPECT_EQ(newExpressionType("std::vector<void (*)(int)>"), "std::vector<void (*)(int)>");
  EXPECT_EQ(newExpressionType("int[2][3]"), "int[2][3]");
  EXPECT_EQ(newExpressionType("int (*[2])(int)"), "(int (*[2])(int))");
}

} // namespace
