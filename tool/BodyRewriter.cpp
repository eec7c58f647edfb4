//===- BodyRewriter.cpp - a clang::Rewriter over one function's body ------===//
#include "BodyRewriter.h"

#include "llvm/Support/MemoryBuffer.h"

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

std::string BodyRewriter::getRewrittenText(CharSourceRange Range) const {
  CharSourceRange R = map(Range);
  return (Own ? *Own : FileRW).getRewrittenText(R);
}

} // namespace stackless
