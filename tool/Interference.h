//===- Interference.h - more variables into the states' own structs -------===//
//
// Storage classes (Analysis.cpp) put a variable into one state's struct only
// when its scope holds that state's suspension point and no other: then no
// other state's objects can exist while it does. A variable declared early
// but needed across one later point only (C12: `u64 s1;` at the top, written
// after the first await, read after the second) stays a shared slot.
//
// This pass is a register allocator's interference check, over the same
// element-level CFG liveness: such a variable V, saved at one point K, goes
// into K's struct when its value never has to survive while an object of
// another state's struct is alive. Statement by statement (each full
// expression, or declaration):
//  - where V is referenced, no other state's object is referenced or live
//    afterwards; except `V = e;` whose e reads objects of character type
//    (the bytes are read before V is stored, and character accesses alias
//    anything, so no compiler may move the store above them);
//  - where another state's object is referenced or declared, V is not live
//    afterwards;
//  - V is not referenced in, nor live after, a statement that awaits another
//    state's future (which lives in that state's struct meanwhile).
// Only trivially copyable, trivially destructible variables whose address
// does not escape are moved, and only among objects with trivial
// destructors whose address does not escape: nothing reads their storage
// when the code does not.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Model.h"

#include "clang/AST/ASTContext.h"

namespace stackless {

void shareStateStorage(AsyncFunction &F, const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

} // namespace stackless
