//===- ScopeSharing.h - slots of disjoint scopes share storage --------------===//
//
// A variable saved at one suspension point only lives in that state's
// struct, inside the union of states (Analysis.cpp, Interference.h). One
// saved at several points keeps one address across them: a slot of its
// own, outside the union. Two such variables in scopes that never overlap
// would then take the sum of their sizes, where SPEC 2.9 asks for the
// largest (objects never alive at the same suspension point share storage):
//
//     { char a[1000]; await(x); await(y); use(a); }
//     { char b[1000]; await(x); await(y); use(b); }
//
// So their slots are laid out as a C compiler lays out a stack frame: one
// struct per scope (a block, an if, a loop, a switch, a handler), and a
// union of the structs of sibling scopes, which are never entered together:
//
//     struct Block_L3 { stackless::Slot<char[1000]> a; };
//     struct Block_L4 { stackless::Slot<char[1000]> b; };
//     union Scopes_L2 { Block_L3 block_L3; Block_L4 block_L4; };
//     Scopes_L2 scopes_L2_;      // a is scopes_L2_.block_L3.a
//
// Each variable still has one address for its whole life. Only variables
// saved at several points take part (parameters never: they live as long
// as the future); nothing changes where no two sibling scopes hold any.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Model.h"

#include "clang/AST/ASTContext.h"

#include <functional>
#include <string>

namespace stackless {

/// Groups F's shared slots by scope (F.ScopeUnions), and renames the
/// grouped variables' MemberName to their path. Fresh gives a name no
/// other generated or user name takes.
void shareScopeStorage(AsyncFunction &F, const clang::FunctionDecl *FD, clang::ASTContext &Ctx,
                       const std::function<std::string(const std::string &)> &Fresh);

} // namespace stackless
