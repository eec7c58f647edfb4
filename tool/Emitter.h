//===- Emitter.h - print the lowered future class ------------------------===//
#pragma once

#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <string>

namespace stackless {

/// The generated class for F: the enum of states, one struct per state,
/// the union of those structs, the shared slots, constructor (lazy), move
/// constructor (Pin check), destructor (cancellation) and poll().
/// With PollOutOfLine, poll() is only declared in the class and its
/// definition (`inline auto F_future::poll(...) -> ... { ... }`) goes there:
/// for a class that must be complete before the function's definition
/// (where poll's body may use names declared in between).
std::string emitFutureClass(const AsyncFunction &F, const std::string &PollBody,
                            clang::ASTContext &Ctx, std::string *PollOutOfLine = nullptr);

/// Does some state of F hold an object with a destructor (after lowering)?
bool needsDestructor(const AsyncFunction &F);

/// The user's function, now returning the generated class. Declared
/// before (`Declared`, or by the class when it calls itself), its
/// definition repeats no default argument.
std::string emitFactory(const AsyncFunction &F, clang::ASTContext &Ctx, bool Declared = false);

/// For a member function defined inside its class: its definition outside,
/// after the class (`inline R_f_future R::f(int n) const { ... }`).
std::string emitOutOfClassFactory(const AsyncFunction &F, clang::ASTContext &Ctx);

/// The factory of a function declared in a file the tool does not rewrite
/// (it keeps Async<T>), with its future's class inside it: a local class
/// has the function's own access (a member's to its class's private
/// members, a friend's), which a class outside it would not have.
std::string emitFactoryAroundClass(const AsyncFunction &F, const std::string &Class,
                                   clang::ASTContext &Ctx);

/// `class F_future;` (with its template head) for forward declarations.
std::string emitForwardDeclaration(const AsyncFunction &F);

/// The user's declaration text with its return type replaced (and, for a
/// redeclaration, without its default arguments).
std::string signatureWithReturnType(const clang::FunctionDecl *D, const std::string &ReturnType,
                                    clang::ASTContext &Ctx, bool WithoutDefaults = false);

} // namespace stackless
