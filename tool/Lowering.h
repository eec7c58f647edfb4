//===- Lowering.h - rewrite an async body into the body of poll() ---------===//
//
// Old code:                          New code (inside poll):
//   int y = await(YieldOnce(x));       stackless::Slot<int> result0;
//                                      ::new (states_.suspend0.awaited.storage())
//                                          auto(YieldOnce(x));
//                                      state_ = State::Suspend0_YieldOnce_L7;
//                                    Suspend0_YieldOnce_L7:
//                                      if (!stackless::poll_into(...))
//                                        return stackless::Poll<int>::pending();
//                                      int y = result0.take();
//                                      states_.suspend0.awaited.destroy();
//
// Edits are made bottom-up with clang::Rewriter: children first, then the
// parent reads its children's rewritten text and replaces its own range, so
// everything the user wrote and we do not need to touch stays byte-for-byte.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Diagnostics.h"
#include "Model.h"

#include "clang/AST/ASTContext.h"
#include "clang/Rewrite/Core/Rewriter.h"

#include <string>

namespace stackless {

/// Where the emitter keeps each slot (e.g. "x_" or "states_.suspend0.it").
std::string slotPath(const AsyncFunction &F, const Variable &V);
std::string futurePath(const AsyncFunction &F, const SuspendPoint &P);

/// The statements of poll()'s body after the resume dispatch, or "" after
/// reporting an error.
/// Also records in F.Temps the temporaries the lowered expressions need.
/// With LineDirectives, every statement of the body is preceded by
/// `#line N "file"`, so a debugger steps through the user's source.
/// With OwnBuffer, the body is rewritten in a buffer of its own (see
/// BodyRewriter.h), which requires that RW has no edits inside it yet.
std::string lowerBody(AsyncFunction &F, clang::ASTContext &Ctx, clang::Rewriter &RW,
                      Diagnostics &Diag, bool LineDirectives, bool OwnBuffer);

} // namespace stackless
