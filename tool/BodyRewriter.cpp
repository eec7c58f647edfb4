//===- BodyRewriter.cpp - a clang::Rewriter over one function's body ------===//
#include "BodyRewriter.h"

#include "clang/Lex/Lexer.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

using namespace clang;

namespace stackless {

BodyRewriter::BodyRewriter(Rewriter &FileRW, CharSourceRange Body, bool OwnBuffer)
    : FileRW(FileRW) {
  SourceManager &SM = FileRW.getSourceMgr();
  auto [BeginFile, BeginOffset] = SM.getDecomposedLoc(Body.getBegin());
  auto [EndFile, EndOffset] = SM.getDecomposedLoc(Body.getEnd());
  if (!OwnBuffer || Body.getBegin().isMacroID() || Body.getEnd().isMacroID() ||
      BeginFile != EndFile || EndOffset < BeginOffset)
    return;
  File = BeginFile;
  Begin = BeginOffset;
  End = EndOffset;
  llvm::StringRef Text = SM.getBufferData(File).substr(Begin, End - Begin);
  FileID Copy = SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(
      Text, SM.getBufferName(Body.getBegin()) + " (body)"));
  CopyStart = SM.getLocForStartOfFile(Copy);
  Own = std::make_unique<Rewriter>(SM, FileRW.getLangOpts());
}

SourceLocation BodyRewriter::map(SourceLocation Loc) const {
  if (!Own)
    return Loc;
  auto [F, Offset] = FileRW.getSourceMgr().getDecomposedLoc(Loc);
  if (Loc.isMacroID() || F != File || Offset < Begin || Offset > End) {
    Ok = false;
    return Loc;
  }
  return CopyStart.getLocWithOffset(Offset - Begin);
}

CharSourceRange BodyRewriter::map(CharSourceRange Range) const {
  return CharSourceRange(SourceRange(map(Range.getBegin()), map(Range.getEnd())),
                         Range.isTokenRange());
}

bool BodyRewriter::ReplaceText(CharSourceRange Range, llvm::StringRef Text) {
  CharSourceRange R = map(Range);
  return (Own ? *Own : FileRW).ReplaceText(R, Text);
}

bool BodyRewriter::InsertTextBefore(SourceLocation Loc, llvm::StringRef Text) {
  SourceLocation L = map(Loc);
  return (Own ? *Own : FileRW).InsertTextBefore(L, Text);
}

bool BodyRewriter::InsertTextAfterToken(SourceLocation Loc, llvm::StringRef Text) {
  SourceLocation L = map(Loc);
  return (Own ? *Own : FileRW).InsertTextAfterToken(L, Text);
}

/// Rewriter::getRewrittenText, reading the rewritten buffer piece by piece
/// instead of character by character through its iterator (which made it a
/// quarter of the lowering's time).
static std::string rewrittenText(const Rewriter &RW, CharSourceRange Range) {
  const SourceManager &SM = RW.getSourceMgr();
  if (!Rewriter::isRewritable(Range.getBegin()) || !Rewriter::isRewritable(Range.getEnd()))
    return {};
  auto [StartFile, StartOff] = SM.getDecomposedLoc(Range.getBegin());
  auto [EndFile, EndOff] = SM.getDecomposedLoc(Range.getEnd());
  if (StartFile != EndFile)
    return {};
  const RewriteBuffer *RB = RW.getRewriteBufferFor(StartFile);
  if (!RB) {
    unsigned TokenLength =
        Range.isTokenRange() ? Lexer::MeasureTokenLength(Range.getEnd(), SM, RW.getLangOpts()) : 0;
    return SM.getBufferData(StartFile).substr(StartOff, EndOff + TokenLength - StartOff).str();
  }
  // Where the range begins and ends in the rewritten buffer, as
  // Rewriter::getRewrittenText maps them (its mapping is private, its
  // sizes are not).
  Rewriter::RewriteOptions BeforeInserts;
  BeforeInserts.IncludeInsertsAtEndOfRange = false;
  int From = RW.getRangeSize(
      CharSourceRange::getCharRange(SM.getLocForStartOfFile(StartFile), Range.getBegin()),
      BeforeInserts);
  int Size = RW.getRangeSize(Range);
  if (From < 0 || Size < 0)
    return {};
  unsigned To = unsigned(From + Size);
  std::string Out;
  unsigned Pos = 0;
  for (auto I = RB->begin(), E = RB->end(); I != E && Pos < To; I.MoveToNextPiece()) {
    llvm::StringRef Piece = I.piece();
    unsigned PieceEnd = Pos + Piece.size();
    if (PieceEnd > unsigned(From))
      Out += Piece.slice(unsigned(From) > Pos ? From - Pos : 0, std::min(To, PieceEnd) - Pos);
    Pos = PieceEnd;
  }
  return Out;
}

std::string BodyRewriter::getRewrittenText(CharSourceRange Range) const {
  CharSourceRange R = map(Range);
  return rewrittenText(Own ? *Own : FileRW, R);
}

} // namespace stackless
