//===- Discovery.h - find async functions and their await/yield points ----===//
//
// The return type is the annotation: a function whose declared return type
// is stackless::Async<T> is async. await and yield are recognised by the
// declaration Clang resolves (stackless::await / stackless::yield), never by
// spelling; in templates, by the lookup set of a dependent call.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <utility>
#include <set>
#include <vector>

namespace stackless {

enum class Marker { None, Async, Generator, Stream };

/// Which marker a declared return type names (stackless::Async<T>, ...).
Marker markerOf(clang::QualType T);

/// The T of Async<T> (or Y of Generator<Y, R>) as written, if any.
const clang::TemplateArgument *markerArgument(clang::QualType T, unsigned I);

/// The returns of S outside lambdas and local classes.
void collectReturns(const clang::Stmt *S, std::vector<const clang::ReturnStmt *> &Out);

/// Is T a future, a generator or a stream (a marker type, or a class with
/// poll, resume or poll_next)?
bool isFutureLike(clang::QualType T);

/// Is this call stackless::await(...) / stackless::yield(...)?
bool isAwaitCall(const clang::CallExpr *Call);
bool isYieldCall(const clang::CallExpr *Call);
/// Does S hold an await or a yield (in any lambda too)?
bool suspends(const clang::Stmt *S);

struct Discovered {
  /// Definitions of async functions, generators and streams in the main
  /// file, in source order.
  std::vector<const clang::FunctionDecl *> AsyncDefinitions;
  /// Non-defining declarations of those functions in the main file.
  std::vector<const clang::FunctionDecl *> AsyncDeclarations;
  /// Lambdas whose call operator returns Async<T>: async blocks.
  std::vector<const clang::LambdaExpr *> AsyncLambdas;
  /// Every await/yield call in the main file (outside template instances).
  std::vector<const clang::CallExpr *> SuspendCalls;
  /// Every `c ? a : b` of the main file whose type is Async<T>,
  /// Generator<Y, R> or Stream<T>, or depends on a template parameter
  /// (outside template instances): once lowered, calls on its two sides
  /// may return different classes.
  std::vector<const clang::ConditionalOperator *> Choices;
  /// Every use of a non-member function of the main file as a value rather
  /// than called (`Op table[] = {add1, &twice};`): the name, or `&name`.
  std::vector<const clang::Expr *> FunctionValues;
  /// Variables declared `auto` whose (deduced) type is Async<T>,
  /// Generator<Y, R> or Stream<T>, named where a reference to that type
  /// binds to them (`int sum(Generator<int> &g);` ... `sum(g)`).
  std::set<const clang::VarDecl *> BoundAsDeclared;
};

/// Runs the ASTMatchers over the translation unit.
Discovered discover(clang::ASTContext &Ctx);

} // namespace stackless
