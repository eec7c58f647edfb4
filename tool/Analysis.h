//===- Analysis.h - what each suspension point must keep ------------------===//
//
// The rule (SPEC 2.9). An object is *saved* across suspension point k when it
// is in scope at k and
//   - it may be read after k (liveness over Clang's CFG), or
//   - it has a non-trivial destructor (its destruction is an event), or
//   - its address escapes (`&x`, or a pointer/reference variable bound to
//     it); an address passed to a call is assumed not to outlive the call.
//
// Wrinkles:
//   - A resume is a `goto`; C++ forbids jumping past a declaration with an
//     initializer into its scope. So any variable whose extent (declaration
//     through end of scope) holds a suspension point becomes a *slot*, even
//     when nothing needs saving (then it lives on poll's stack).
//   - A slot's destruction is explicit. When a return/break/continue leaves
//     both a slot and an ordinary local declared inside it, the local is made
//     a slot too, so the C++ destruction order is kept.
//   - Storage may be shared between states only when no code touches both:
//     an object goes into state k's struct only if k is the only suspension
//     point in its extent (and parameters only if unused from the first
//     suspending statement on). Everything else is a shared slot.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Diagnostics.h"
#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <map>
#include <memory>

namespace stackless {

/// Builds the model of one async function, or reports why it can't be
/// lowered (and returns nullptr).
/// Canonical declaration of each async function lowered in this file ->
/// the name of its generated future class.
using FutureClasses = std::map<const clang::FunctionDecl *, std::string>;

/// For an async lambda, F is its call operator and Lambda the expression:
/// its captures become the future's first arguments.
std::unique_ptr<AsyncFunction> analyze(const clang::FunctionDecl *F, clang::ASTContext &Ctx,
                                       const FutureClasses &Classes, const FileDecisions &File,
                                       Diagnostics &Diag,
                                       const clang::LambdaExpr *Lambda = nullptr);

/// In the output, a call to an async function of this file returns its
/// generated class, not the Async<T> the input declared. The call E is
/// (outside boxed(...)), if any, and the function it calls (its pattern,
/// for a template) when that function is lowered here.
const clang::CallExpr *loweredCall(const clang::Expr *E);
const clang::FunctionDecl *loweredCallee(const clang::Expr *E, const FutureClasses &Classes);

/// A call of an async lambda whose class is hoisted (HoistedLambda): the
/// class its call returns in the output, else null.
const HoistedLambda *hoistedLambdaCall(const clang::Expr *E, const FileDecisions *File);
const HoistedLambda *hoistedLambdaOf(const clang::LambdaExpr *L, const FileDecisions *File);

/// Is F's generated class a member class of F's own class
/// (`template <class T> class Q<T>::Q_pop_future`)? So for a member of a
/// class template or of a nested class: a class at namespace scope could
/// not be declared before it nor name what its body names.
bool hasMemberFutureClass(const clang::FunctionDecl *F);

/// The function whose body a call's callee was instantiated from: f for
/// f<int>, Q<T>::pop for Q<int>::pop (itself when not instantiated).
const clang::FunctionDecl *patternOf(const clang::FunctionDecl *Callee);

/// Is the lambda called right where it is written (`[..]() { ... }()`)?
bool calledWhereWritten(const clang::LambdaExpr *L, clang::ASTContext &Ctx);

/// Does F keep Async<T> in the output (virtual, or first declared in a file
/// the tool does not rewrite)? Its factory then boxes the future.
bool isBoxed(const clang::FunctionDecl *F);

/// Does S hold a lambda-expression (which decltype cannot hold in C++17)?
/// With File, not counting the calls of hoisted async lambdas; with F, nor
/// the lambdas its awaited futures hold (declvalText spells both without
/// the lambda).
bool containsLambda(const clang::Stmt *S, const FileDecisions *File = nullptr,
                    const AsyncFunction *F = nullptr);

/// Spelling of a type for generated code, fully qualified.
std::string typeName(clang::QualType T, clang::ASTContext &Ctx);

/// E's text with every local of F it names replaced by a declval of that
/// local's type in the output: an expression usable in the generated class
/// (`std::decay_t<decltype(...)>` names types the output changed or that
/// depend on template parameters).
std::string declvalText(const clang::Expr *E, const AsyncFunction &F, clang::ASTContext &Ctx);

/// `Base<T>::value` in a member of a class derived from Base<T> (a
/// dependent base), or `D::value` of the class itself found there: a
/// member, perhaps not static, reached through `this`.
bool namesBaseMember(const clang::DependentScopeDeclRefExpr *Ref, const AsyncFunction &F);

/// The source text of a range, as written.
std::string sourceText(clang::SourceRange R, clang::ASTContext &Ctx);

/// `template <class T, int N>\n`: a template parameter list as written,
/// without default arguments (a definition outside the class may not
/// repeat them); SkipUnnamed leaves out the parameters without a name.
std::string templateHead(const clang::TemplateParameterList *Params, clang::ASTContext &Ctx,
                         bool SkipUnnamed = false);
/// The source text as a one-line comment's text: its first line, and " ..."
/// when it goes on (a lambda in a declaration, an await over several lines).
std::string commentText(clang::SourceRange R, clang::ASTContext &Ctx);
/// Does T name Async/Generator/Stream anywhere (Join<Async<int>>,
/// Next<Stream<int>>)? Such a type differs between the input and the output.
bool mentionsMarker(clang::QualType T);

/// Does T hold a lambda's closure type (`PollFn<lambda>`, `Join<PollFn<lambda>, ...>`)?
bool mentionsLambda(clang::QualType T);

/// Does T name a type declared inside a function (`Pair`, `std::vector<Pair>`)?
bool mentionsLocalType(clang::QualType T);

} // namespace stackless
