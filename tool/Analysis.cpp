//===- Analysis.cpp - what each suspension point must keep ----------------===//
#include "Analysis.h"
#include "LambdaFactory.h"
#include "Discovery.h"
#include "Interference.h"
#include "ScopeSharing.h"
#include "Liveness.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>

using namespace clang;

namespace stackless {

namespace {

/// Does T's spelling come from inside a template rather than from the user
/// (a substituted template parameter: `std::variant<int, basic_string<char>>`
/// deduced from a function template's return type; a member typedef named
/// through `typename`: `typename std::remove_reference<...>::type`; an alias template:
/// `std::enable_if_t<...>`)? Such sugar prints with unqualified names
/// or library internals: the type is then spelled from its canonical form,
/// which names every scope.
/// Whether E names a variable or enumerator declared in a function.
static bool namesLocal(const Stmt *E) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (Ref->getDecl()->getDeclContext()->isFunctionOrMethod())
      return true;
  for (const Stmt *Child : E->children())
    if (namesLocal(Child))
      return true;
  return false;
}

bool hasTemplateSugar(QualType T) {
  if (T.isNull())
    return false;
  const Type *Ty = T.getTypePtr();
  if (isa<SubstTemplateTypeParmType>(Ty) || isa<DependentNameType>(Ty))
    return true;
  if (const auto *TD = dyn_cast<TypedefType>(Ty)) // `std::vector<int>::iterator`, `u64`: their
    return TD->getDecl()->getDeclContext()->isFunctionOrMethod(); // own names, unless local
  if (const auto *U = dyn_cast<UsingType>(Ty)) // named through a using-declaration in the
    return U->getFoundDecl()->getDeclContext()->isFunctionOrMethod(); // function
  if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
    if (TST->isTypeAlias())
      return true;
    for (const TemplateArgument &A : TST->template_arguments()) {
      if (A.getKind() == TemplateArgument::Type && hasTemplateSugar(A.getAsType()))
        return true;
      // `std::array<int, K>` with K a local constant: spelled by its value.
      if (A.getKind() == TemplateArgument::Expression && namesLocal(A.getAsExpr()))
        return true;
    }
    return false;
  }
  if (const auto *E = dyn_cast<ElaboratedType>(Ty)) {
    // `Item` found through `using namespace ns;` (also as a template
    // argument, which getFullyQualifiedType leaves as written).
    if (const TagDecl *Tag = E->getNamedType()->getAsTagDecl();
        Tag && !E->getQualifier() && isa<TagType>(E->getNamedType()) &&
        Tag->getDeclContext()->getRedeclContext()->isNamespace() &&
        !Tag->getDeclContext()->getRedeclContext()->isStdNamespace())
      return true;
    return E->getKeyword() == ElaboratedTypeKeyword::Typename || hasTemplateSugar(E->getNamedType());
  }
  if (const auto *P = dyn_cast<PointerType>(Ty))
    return hasTemplateSugar(P->getPointeeType());
  if (const auto *R = dyn_cast<ReferenceType>(Ty))
    return hasTemplateSugar(R->getPointeeTypeAsWritten());
  if (const auto *A = dyn_cast<ArrayType>(Ty))
    return hasTemplateSugar(A->getElementType());
  if (const auto *P = dyn_cast<ParenType>(Ty))
    return hasTemplateSugar(P->getInnerType());
  if (isa<DecltypeType>(Ty))
    return true;
  if (const auto *D = dyn_cast<DecayedType>(Ty)) // `Num *` decayed from a local `Num[2]`
    return hasTemplateSugar(D->getOriginalType());
  // A specialization already canonical (`variant<int, basic_string<char>>`
  // substituted into a template): getFullyQualifiedType would not qualify
  // its arguments.
  if (const auto *R = dyn_cast<RecordType>(Ty))
    return isa<ClassTemplateSpecializationDecl>(R->getDecl());
  return false;
}

} // namespace

namespace {

/// Whether T is, or mentions (through pointers, references, arrays and
/// template arguments), a class or enum for which Is holds.
static bool argumentMentionsTag(const TemplateArgument &A,
                                llvm::function_ref<bool(const TagDecl *)> Is);

static bool mentionsTag(QualType T, llvm::function_ref<bool(const TagDecl *)> Is) {
  T = T.getCanonicalType();
  if (const auto *P = T->getAs<PointerType>())
    return mentionsTag(P->getPointeeType(), Is);
  if (const auto *R = T->getAs<ReferenceType>())
    return mentionsTag(R->getPointeeType(), Is);
  if (const auto *A = T->getAsArrayTypeUnsafe())
    return mentionsTag(A->getElementType(), Is);
  const TagDecl *Tag = T->getAsTagDecl();
  if (!Tag)
    return false;
  if (Is(Tag))
    return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Tag))
    return llvm::any_of(Spec->getTemplateArgs().asArray(),
                        [&](const TemplateArgument &A) { return argumentMentionsTag(A, Is); });
  return false;
}

/// A template argument's type, or one of a pack's (`Join<PollFn<L>, Async<int>>`).
static bool argumentMentionsTag(const TemplateArgument &A,
                                llvm::function_ref<bool(const TagDecl *)> Is) {
  if (A.getKind() == TemplateArgument::Pack)
    return llvm::any_of(A.pack_elements(),
                        [&](const TemplateArgument &E) { return argumentMentionsTag(E, Is); });
  return A.getKind() == TemplateArgument::Type && mentionsTag(A.getAsType(), Is);
}

static bool isLambdaClass(const TagDecl *Tag) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Tag);
  return RD && RD->isLambda();
}

/// `map1(3, [](int v) { ... })` of a function template: its generated
/// class is a specialization for the lambda's type, which has no name.
static bool lambdaTemplateArgument(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  const TemplateArgumentList *Args = FD ? FD->getTemplateSpecializationArgs() : nullptr;
  if (!Args || markerOf(FD->getReturnType()) == Marker::None)
    return false; // not lowered: its type is the one it returns
  return llvm::any_of(Args->asArray(), [](const TemplateArgument &A) {
    return argumentMentionsTag(A, isLambdaClass); // `F`, `F &` of a lambda
  });
}

/// `Pair`, `std::vector<Pair>`, `Pair *` with Pair declared inside a
/// function (other than a lambda's closure).
static bool localTagIn(QualType T) {
  return mentionsTag(T, [](const TagDecl *Tag) {
    return !isLambdaClass(Tag) && Tag->getDeclContext()->isFunctionOrMethod();
  });
}

/// The local types T names (`Pair`, `std::vector<Pair>`) move into the
/// generated class (AsyncFunction::HoistedTypes) when they can: defined by
/// a declaration of their own, naming nothing else local to the function,
/// and not named like another type of the body moved there.
static bool hoistLocalTypes(QualType T, AsyncFunction &F, std::string &WhyNot) {
  std::vector<const TagDecl *> Found;
  mentionsTag(T, [&](const TagDecl *Tag) {
    if (!isLambdaClass(Tag) && Tag->getDeclContext()->isFunctionOrMethod())
      Found.push_back(Tag);
    return false;
  });
  for (const TagDecl *Tag : Found) {
    if (std::find(F.HoistedTypes.begin(), F.HoistedTypes.end(), Tag) != F.HoistedTypes.end())
      continue;
    if (!Tag->isThisDeclarationADefinition() || !Tag->getIdentifier() ||
        Tag->getBeginLoc().isMacroID()) {
      WhyNot = "an unnamed type, or one defined in a macro";
      return false;
    }
    for (const TagDecl *Other : F.HoistedTypes)
      if (Other->getName() == Tag->getName()) {
        WhyNot = "two types of the body named `" + Tag->getName().str() + "`";
        return false;
      }
    // Nothing else of the function: not its locals, types or aliases.
    struct Finder : RecursiveASTVisitor<Finder> {
      const TagDecl *Tag;
      const FunctionDecl *Fn;
      bool Local = false;
      bool isLocal(const Decl *D) const {
        if (!D || D == Tag)
          return false;
        for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
          if (DC == Tag)
            return false;
          if (DC == Fn)
            return true;
        }
        return false;
      }
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        Local |= isLocal(E->getDecl());
        return true;
      }
      bool VisitTagTypeLoc(TagTypeLoc TL) {
        Local |= isLocal(TL.getDecl());
        return true;
      }
      bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
        Local |= isLocal(TL.getTypedefNameDecl());
        return true;
      }
    } V;
    V.Tag = Tag;
    V.Fn = F.Decl;
    V.TraverseDecl(const_cast<TagDecl *>(Tag));
    if (V.Local) {
      WhyNot = "`" + Tag->getName().str() + "` names something else declared in the function";
      return false;
    }
    F.HoistedTypes.push_back(Tag);
  }
  return true;
}

/// Whether E (a reference's initializer) makes a temporary that VD extends.
static bool extendsTemporary(const Stmt *E, const VarDecl *VD) {
  if (!E)
    return false;
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E); MTE && MTE->getExtendingDecl() == VD)
    return true;
  for (const Stmt *Child : E->children())
    if (extendsTemporary(Child, VD))
      return true;
  return false;
}

/// The generated class declares `Output`, `State`, `States`... for itself;
/// inside it they hide a global type of the same name (`struct States {};`
/// kept across an await would be the class's union). Such a name is written
/// `::States`.
std::string qualifyHiddenGlobals(std::string Name, ASTContext &Ctx) {
  auto IsIdent = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  for (llvm::StringRef Hidden : GeneratedMemberNames) {
    if (Name.find(Hidden.str()) == std::string::npos)
      continue;
    // Only a type hides (poll and the like are functions).
    auto Found = Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Hidden));
    if (Found.empty() || !llvm::any_of(Found, [](const NamedDecl *D) {
          return isa<TypeDecl>(D) || isa<ClassTemplateDecl>(D) || isa<TypeAliasTemplateDecl>(D);
        }))
      continue;
    for (size_t At = Name.find(Hidden.str()); At != std::string::npos;
         At = Name.find(Hidden.str(), At + Hidden.size() + 2)) {
      size_t End = At + Hidden.size();
      if ((At > 0 && (IsIdent(Name[At - 1]) || Name[At - 1] == ':')) ||
          (End < Name.size() && IsIdent(Name[End])))
        continue;
      Name.insert(At, "::");
    }
  }
  return Name;
}

std::string typeNameUnqualified(QualType T, ASTContext &Ctx);

} // namespace

std::string typeName(QualType T, ASTContext &Ctx) {
  return qualifyHiddenGlobals(typeNameUnqualified(T, Ctx), Ctx);
}

namespace {

/// The member of a specialization a template argument names as written
/// (`iterator` in `std::pair<iterator, bool>`), unless it only renames a
/// template argument of its class (`Item` of a Stream<int>: `int`).
const TypedefType *writtenTypedef(const TemplateArgument &A) {
  if (A.getKind() != TemplateArgument::Type)
    return nullptr;
  const Type *T = A.getAsType().getTypePtr();
  if (const auto *E = dyn_cast<ElaboratedType>(T))
    T = E->getNamedType().getTypePtr();
  const auto *TD = dyn_cast<TypedefType>(T);
  if (!TD || !isa<ClassTemplateSpecializationDecl>(TD->getDecl()->getDeclContext()) ||
      isa<SubstTemplateTypeParmType>(TD->desugar().getTypePtr()))
    return nullptr;
  return TD;
}

std::string typeNameUnqualified(QualType T, ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.Bool = true;
  Policy.FullyQualifiedName = true;
  Policy.SuppressScope = false;
  // Deduced types (`auto`) print as what they were deduced to.
  if (const auto *Auto = T->getContainedAutoType())
    if (Auto->isDeduced() && !T->isDependentType()) {
      const auto *Plain = dyn_cast<AutoType>(T.getTypePtr());
      T = Plain ? Auto->getDeducedType().withFastQualifiers(T.getLocalFastQualifiers())
                : T.getCanonicalType();
      // `auto b = a;` with `auto a = ...;`: deduced as a's (sugared) auto.
      for (const AutoType *Inner; (Inner = dyn_cast<AutoType>(T.getTypePtr())) && Inner->isDeduced();)
        T = Inner->getDeducedType().withFastQualifiers(T.getLocalFastQualifiers());
    }
  // The generated class is not where the type was written (another
  // namespace, outside the class of a member function, without the user's
  // using-directives): every name in it is qualified (clang's own
  // getFullyQualifiedName, which also qualifies template arguments).
  // A typedef or alias keeps its own name (`u64`, `std::string`), qualified
  // by where it was declared: getFullyQualifiedType would spell the type
  // it names one level down.
  // Canonical types print every scope themselves (getFullyQualifiedType
  // would drop the scope of a canonical template argument).
  // `std::pair<iterator, bool>` (what `m.emplace(k, v)` returns): an
  // argument that is a member of a specialization prints unqualified;
  // each argument is spelled here instead (`std::map<K, V>::iterator`).
  const Type *Written = T.getTypePtr();
  if (const auto *E = dyn_cast<ElaboratedType>(Written))
    Written = E->getNamedType().getTypePtr();
  // (Only where the type as written leaves it bare: `std::pair<...>` is
  // spelled as written, below.)
  auto LeftBare = [&](const TypedefType *TD) {
    std::string Plain = T.getAsString(Policy);
    std::string Bare = TD->getDecl()->getName().str();
    for (size_t At = Plain.find(Bare); At != std::string::npos; At = Plain.find(Bare, At + 1))
      if (At >= 1 && (Plain[At - 1] == '<' || Plain[At - 1] == ' ') &&
          At + Bare.size() < Plain.size() &&
          (Plain[At + Bare.size()] == ',' || Plain[At + Bare.size()] == '>'))
        return true;
    return false;
  };
  if (const auto *TST = dyn_cast<TemplateSpecializationType>(Written);
      TST && !TST->isTypeAlias() && !T->isDependentType() &&
      llvm::any_of(TST->template_arguments(), [&](const TemplateArgument &A) {
        const TypedefType *TD = writtenTypedef(A);
        return TD && LeftBare(TD);
      })) {
    if (const TemplateDecl *Template = TST->getTemplateName().getAsTemplateDecl()) {
      std::string Name = Template->getQualifiedNameAsString() + "<";
      for (const TemplateArgument &A : TST->template_arguments()) {
        if (Name.back() != '<')
          Name += ", ";
        if (A.getKind() == TemplateArgument::Type) {
          const TypedefType *TD = writtenTypedef(A);
          Name += typeName(TD ? QualType(TD, 0).withFastQualifiers(
                                    A.getAsType().getLocalFastQualifiers())
                              : A.getAsType(),
                           Ctx);
        } else {
          llvm::raw_string_ostream OS(Name);
          A.print(Policy, OS, /*IncludeType=*/true);
        }
      }
      Name += ">";
      Qualifiers Q = T.getLocalQualifiers();
      return Q.empty() ? Name : Q.getAsString(Policy) + " " + Name;
    }
  }
  const bool Canonical = !T->isDependentType() && hasTemplateSugar(T);
  if (Canonical)
    T = T.getCanonicalType();
  if (!T->isDependentType() && !Canonical) {
    QualType Plain = T;
    if (const auto *E = dyn_cast<ElaboratedType>(Plain.getTypePtr())) {
      // Written from a top-level namespace (`std::uint64_t`): as written.
      const NestedNameSpecifier *Q = E->getQualifier();
      while (Q && Q->getPrefix())
        Q = Q->getPrefix();
      const NamespaceDecl *NS = Q ? Q->getAsNamespace() : nullptr;
      if (NS && NS->getParent()->getRedeclContext()->isTranslationUnit())
        return T.getAsString(Policy);
      Plain = E->getNamedType().withFastQualifiers(T.getLocalFastQualifiers());
    }
    if (const auto *TD = dyn_cast<TypedefType>(Plain.getTypePtr());
        TD && isa<ClassTemplateSpecializationDecl>(TD->getDecl()->getDeclContext())) {
      // A member of a specialization (`std::vector<int>::size_type`): its
      // qualified name would drop the template arguments.
      const auto *Owner = cast<ClassTemplateSpecializationDecl>(TD->getDecl()->getDeclContext());
      Qualifiers Q = Plain.getLocalQualifiers();
      std::string Name = typeName(Ctx.getRecordType(Owner), Ctx) + "::" + TD->getDecl()->getName().str();
      return Q.empty() ? Name : Q.getAsString(Policy) + " " + Name;
    }
    if (const auto *TD = dyn_cast<TypedefType>(Plain.getTypePtr()))
      if (const auto *Owner = dyn_cast<CXXRecordDecl>(TD->getDecl()->getDeclContext());
          Owner && Owner->getDescribedClassTemplate())
        return typeName(T.getCanonicalType(), Ctx); // a member of a template's pattern
    if (const auto *TD = dyn_cast<TypedefType>(Plain.getTypePtr());
        TD && !TD->getDecl()->getDeclContext()->isFunctionOrMethod()) {
      std::string Name;
      llvm::raw_string_ostream OS(Name);
      TD->getDecl()->printQualifiedName(OS, Policy);
      OS.flush();
      Qualifiers Q = Plain.getLocalQualifiers();
      return Q.empty() ? Name : Q.getAsString(Policy) + " " + Name;
    }
    T = clang::TypeName::getFullyQualifiedType(T, Ctx, /*WithGlobalNsPrefix=*/false);
  }
  std::string Name = T.getAsString(Policy);
  // A member type reached through a substituted template argument
  // (`std::optional<typename S::Item>` with S a Stream<std::string>) prints
  // as `typename Stream<basic_string<char>>::Item`, its argument no longer
  // qualified: spell what it is instead.
  if (!T->isDependentType() && Name.find("typename ") != std::string::npos)
    Name = T.getCanonicalType().getAsString(Policy);
  // Qualifying spells std::string out; a reader knows it by its name.
  for (const char *Long : {"std::basic_string<char, std::char_traits<char>, std::allocator<char>>",
                           "std::basic_string<char>"})
    for (size_t At; (At = Name.find(Long)) != std::string::npos;)
      Name.replace(At, std::strlen(Long), "std::string");
  return Name;
}

} // namespace

/// `template <class T, int N>\n`: a template parameter list as written,
/// without default arguments (a definition outside the class may not
/// repeat them).
std::string templateHead(const TemplateParameterList *Params, ASTContext &Ctx,
                         bool SkipUnnamed) {
  std::string Out;
  for (const NamedDecl *P : *Params) {
    if (SkipUnnamed && !P->getIdentifier())
      continue;
    SourceLocation Default;
    // (A default inherited from an earlier declaration is not written here.)
    if (const auto *T = dyn_cast<TemplateTypeParmDecl>(P);
        T && T->hasDefaultArgument() && !T->defaultArgumentWasInherited())
      Default = T->getDefaultArgumentLoc();
    else if (const auto *N = dyn_cast<NonTypeTemplateParmDecl>(P);
             N && N->hasDefaultArgument() && !N->defaultArgumentWasInherited())
      Default = N->getDefaultArgumentLoc();
    else if (const auto *TT = dyn_cast<TemplateTemplateParmDecl>(P);
             TT && TT->hasDefaultArgument() && !TT->defaultArgumentWasInherited())
      Default = TT->getDefaultArgumentLoc();
    llvm::StringRef Text;
    std::string Whole = sourceText(P->getSourceRange(), Ctx);
    if (Default.isValid()) {
      Text = Lexer::getSourceText(CharSourceRange::getCharRange(P->getBeginLoc(), Default),
                                  Ctx.getSourceManager(), Ctx.getLangOpts());
      Text = Text.rtrim().drop_back(Text.rtrim().ends_with("=") ? 1 : 0).rtrim();
    } else {
      Text = Whole;
    }
    Out += (Out.empty() ? "" : ", ") + Text.str();
  }
  return "template <" + Out + ">\n";
}

std::string sourceText(SourceRange R, ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

bool mentionsMarker(QualType T) {
  T = T.getNonReferenceType();
  if (markerOf(T) != Marker::None)
    return true;
  auto InArgument = [](const TemplateArgument &A, auto &Self) -> bool {
    if (A.getKind() == TemplateArgument::Type)
      return mentionsMarker(A.getAsType());
    if (A.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : A.pack_elements())
        if (Self(P, Self))
          return true;
    return false;
  };
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (InArgument(A, InArgument))
          return true;
  if (const auto *P = T->getAs<PointerType>())
    return mentionsMarker(P->getPointeeType());
  return false;
}

std::string commentText(SourceRange R, ASTContext &Ctx) {
  llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                                              Ctx.getSourceManager(), Ctx.getLangOpts());
  auto [First, Rest] = Text.split('\n');
  First = First.rtrim();
  return Rest.trim().empty() ? First.str() : (First + " ...").str();
}

bool namesBaseMember(const DependentScopeDeclRefExpr *Ref, const AsyncFunction &F) {
  const auto *M = dyn_cast<CXXMethodDecl>(F.Decl);
  const Type *Q = Ref->getQualifier() ? Ref->getQualifier()->getAsType() : nullptr;
  if (!M || F.Lambda || !Q)
    return false;
  ASTContext &Ctx = M->getASTContext();
  if (Ctx.hasSameType(Ctx.getTypeDeclType(M->getParent()), QualType(Q, 0)))
    return true; // `D::get()` of the class itself, found in a dependent base
  for (const CXXBaseSpecifier &B : M->getParent()->bases())
    if (Ctx.hasSameType(B.getType(), QualType(Q, 0)))
      return true;
  return false;
}

std::string declvalText(const Expr *E, const AsyncFunction &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange R = E->getSourceRange();
  std::string Text = sourceText(R, Ctx);
  unsigned Begin = SM.getFileOffset(SM.getExpansionLoc(R.getBegin()));
  auto OffsetOf = [&](SourceLocation L) { return SM.getFileOffset(SM.getExpansionLoc(L)) - Begin; };
  // The object of a member function, outside it (the generated class has
  // no `this` of that type): `std::declval<Worker &>()`.
  std::string Self = F.SelfType;
  while (!Self.empty() && (Self.back() == '*' || Self.back() == ' '))
    Self.pop_back();
  const std::string Object = "std::declval<" + Self + " &>()";
  struct Edit {
    unsigned Offset;
    std::string Old, New; // Old empty: an insertion
  };
  std::vector<Edit> Edits;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S)
      return;
    // A boxed `?:` side: `stackless::boxed(f())`. The opening goes in after
    // the edits inside the side at the same offset (pushed later, applied
    // later).
    const bool Boxed = F.File && F.File->Boxed.count(dyn_cast<Expr>(S));
    // A call of an async lambda whose class is hoisted: that class's value.
    if (const HoistedLambda *H = isa<CallExpr>(S) && !Boxed
                                     ? hoistedLambdaCall(cast<CallExpr>(S), F.File)
                                     : nullptr) {
      Edits.push_back({OffsetOf(S->getBeginLoc()), sourceText(S->getSourceRange(), Ctx),
                       "std::declval<" + H->ClassName + ">()"});
      return;
    }
    // A lambda an awaited future holds: its factory's type (LambdaFactory.h).
    if (const LambdaFactory *Made = isa<LambdaExpr>(S) ? F.heldLambda(cast<LambdaExpr>(S))
                                                        : nullptr) {
      Edits.push_back({OffsetOf(S->getBeginLoc()), sourceText(S->getSourceRange(), Ctx),
                       "std::declval<" + Made->Type + ">()"});
      return;
    }
    if (Boxed) {
      SourceLocation Last = SM.getExpansionLoc(S->getEndLoc());
      Edits.push_back(
          {OffsetOf(Last) + Lexer::MeasureTokenLength(Last, SM, Ctx.getLangOpts()), "", ")"});
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        if (const Variable *V = F.var(VD))
          Edits.push_back({OffsetOf(Ref->getLocation()), VD->getName().str(),
                           "std::declval<" + lvalueReferenceTo(V->ValueType) + ">()"});
      // A static member named without its class (`kBase`, `helper(1)` in
      // a member function; an enumerator of an unscoped enum declared in
      // the class), outside the class: qualified.
      const DeclContext *Scope = Ref->getDecl()->getDeclContext();
      if (const auto *Enum = dyn_cast<EnumDecl>(Scope); Enum && !Enum->isScoped())
        Scope = Enum->getDeclContext();
      if (const auto *Owner = dyn_cast<CXXRecordDecl>(Scope);
          Owner && !Ref->hasQualifier() && !Ref->getLocation().isMacroID() &&
          !Owner->isLambda() && !Owner->isDependentContext())
        Edits.push_back({OffsetOf(Ref->getLocation()), "",
                         typeName(Ctx.getRecordType(Owner), Ctx) + "::"});
    }
    if (!Self.empty()) {
      if (const auto *M = dyn_cast<MemberExpr>(S))
        if (const auto *This = dyn_cast<CXXThisExpr>(M->getBase()->IgnoreImpCasts());
            This && This->isImplicit() && !M->getMemberLoc().isMacroID())
          Edits.push_back({OffsetOf(M->getMemberLoc()), "", Object + "."});
      if (const auto *This = dyn_cast<CXXThisExpr>(S); This && !This->isImplicit())
        Edits.push_back({OffsetOf(This->getLocation()), "this", "(&" + Object + ")"});
      // In a template, a member whose lookup waits for the instantiation.
      SourceLocation Implicit;
      if (const auto *U = dyn_cast<UnresolvedMemberExpr>(S); U && U->isImplicitAccess())
        Implicit = U->getMemberLoc();
      if (const auto *D = dyn_cast<CXXDependentScopeMemberExpr>(S); D && D->isImplicitAccess())
        Implicit = D->getMemberLoc();
      if (const auto *U = dyn_cast<UnresolvedMemberExpr>(S);
          U && U->isImplicitAccess() && U->hasExplicitTemplateArgs())
        Implicit = SourceLocation(); // below, with `template`
      if (Implicit.isValid() && !Implicit.isMacroID())
        Edits.push_back({OffsetOf(Implicit), "", Object + "."});
      // `as<long>()` of a member template: `std::declval<Box &>().template as<long>()`.
      if (const auto *U = dyn_cast<UnresolvedMemberExpr>(S);
          U && U->isImplicitAccess() && U->hasExplicitTemplateArgs() &&
          !U->getMemberLoc().isMacroID())
        Edits.push_back({OffsetOf(U->getMemberLoc()), "", Object + ".template "});
      // `Base<T>::get()` of a dependent base: through the object.
      if (const auto *D = dyn_cast<DependentScopeDeclRefExpr>(S);
          D && namesBaseMember(D, F) && !D->getBeginLoc().isMacroID())
        Edits.push_back({OffsetOf(D->getBeginLoc()), "", Object + "."});
    }
    for (const Stmt *Child : S->children())
      Collect(Child);
    if (Boxed)
      Edits.push_back({OffsetOf(S->getBeginLoc()), "", "stackless::boxed("});
  };
  Collect(E);
  std::stable_sort(Edits.begin(), Edits.end(),
                   [](const Edit &A, const Edit &B) { return A.Offset > B.Offset; });
  for (const Edit &Ed : Edits) {
    if (Ed.Offset > Text.size() || Text.compare(Ed.Offset, Ed.Old.size(), Ed.Old) != 0)
      continue;
    Text.replace(Ed.Offset, Ed.Old.size(), Ed.New);
  }
  return Text;
}

bool mentionsLambda(QualType T) { return mentionsTag(T, isLambdaClass); }
bool mentionsLocalType(QualType T) { return localTagIn(T); }

const CallExpr *loweredCall(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit()->IgnoreParens();
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || !Call->getDirectCallee() || isBoxed(Call->getDirectCallee()))
    return nullptr; // boxed: still returns Async<T>
  return Call;
}

static const HoistedLambda *hoistedOperator(const FunctionDecl *Operator,
                                            const FileDecisions *File) {
  if (!File || !Operator)
    return nullptr;
  auto It = File->HoistedLambdas.find(dyn_cast<CXXMethodDecl>(Operator));
  return It == File->HoistedLambdas.end() ? nullptr : &It->second;
}

const HoistedLambda *hoistedLambdaCall(const Expr *E, const FileDecisions *File) {
  const CallExpr *Call = File && !File->HoistedLambdas.empty() ? loweredCall(E) : nullptr;
  return Call ? hoistedOperator(Call->getDirectCallee(), File) : nullptr;
}

const HoistedLambda *hoistedLambdaOf(const LambdaExpr *L, const FileDecisions *File) {
  return hoistedOperator(L->getCallOperator(), File);
}

const FunctionDecl *loweredCallee(const Expr *E, const FutureClasses &Classes) {
  const CallExpr *Call = loweredCall(E);
  if (!Call)
    return nullptr;
  const FunctionDecl *Pattern = patternOf(Call->getDirectCallee())->getCanonicalDecl();
  return Classes.count(Pattern) ? Pattern : nullptr;
}

namespace {

/// Does E call an async (or generator) lambda where it is written,
/// outside boxed(...)? Its result's type is local to the lambda (unless
/// its class is hoisted).
bool callsAsyncLambda(const Stmt *E, const FileDecisions *File) {
  if (!E)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier() && Callee->getName() == "boxed")
        return false;
    // In a template, `boxed(...)` of a dependent argument is a call the
    // instantiation resolves.
    if (const auto *ULE = dyn_cast_or_null<UnresolvedLookupExpr>(
            Call->getCallee() ? Call->getCallee()->IgnoreParenImpCasts() : nullptr))
      if (ULE->getName().isIdentifier() && ULE->getName().getAsString() == "boxed")
        return false;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None &&
           !hoistedLambdaOf(Lambda, File);
  for (const Stmt *Child : E->children())
    if (callsAsyncLambda(Child, File))
      return true;
  return false;
}

} // namespace

bool containsLambda(const Stmt *E, const FileDecisions *File, const AsyncFunction *F) {
  if (!E)
    return false;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return !F || !F->heldLambda(Lambda); // else spelled by its factory's type
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && hoistedLambdaCall(Call, File))
    return false; // spelled `std::declval<lambda_L8_future>()` (declvalText)
  for (const Stmt *Child : E->children())
    if (containsLambda(Child, File, F))
      return true;
  return false;
}

namespace {

/// The variable whose storage an lvalue designates (x, x.m, x[i]), if any.
const VarDecl *baseVar(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return referencedVar(Ref);
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return nullptr;
      E = M->getBase();
    } else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!Sub->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      E = Sub->getBase();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// `int`, not `stackless::future_output_t<YieldOnce<int>>` or
/// `YieldOnce<int>::Output`: strip the sugar the await marker adds.
/// Declared in a namespace `detail` (a library's internals, as the
/// runtime's `stackless::detail`).
bool inDetailNamespace(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && NS->getIdentifier() &&
                                                      NS->getName() == "detail")
      return true;
  return false;
}

QualType readableOutputType(QualType T) {
  for (int Guard = 0; Guard < 16; ++Guard) {
    if (const auto *TST = dyn_cast<TemplateSpecializationType>(T.getTypePtr());
        TST && TST->isTypeAlias()) {
      T = TST->getAliasedType();
    } else if (const auto *E = dyn_cast<ElaboratedType>(T.getTypePtr())) {
      T = E->getNamedType();
    } else if (const auto *TD = dyn_cast<TypedefType>(T.getTypePtr());
               TD && (TD->getDecl()->getName() == "Output" || inDetailNamespace(TD->getDecl()))) {
      T = TD->desugar(); // (PollFn's `detail::poll_output<Poll<int>>::type`: int)
    } else if (const auto *S = dyn_cast<SubstTemplateTypeParmType>(T.getTypePtr())) {
      T = S->getReplacementType();
    } else if (const auto *D = dyn_cast<DependentNameType>(T.getTypePtr());
               D && D->getIdentifier()->getName() == "Output") {
      break;
    } else {
      break;
    }
  }
  return T;
}

} // namespace

/// Is the lambda called right where it is written (`[..]() { ... }()`)?
bool calledWhereWritten(const LambdaExpr *L, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*L);
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return false;
    Node = Parents[0];
    if (const auto *Call = Node.get<CXXOperatorCallExpr>())
      return Call->getOperator() == OO_Call && Call->getArg(0)->IgnoreImplicit()->IgnoreParens() ==
                                                   static_cast<const Expr *>(L);
    if (const auto *Call = Node.get<CallExpr>()) // in a template: a call of the lambda itself
      return Call->getCallee() &&
             Call->getCallee()->IgnoreImplicit()->IgnoreParens() == static_cast<const Expr *>(L);
    const Expr *E = Node.get<Expr>();
    if (!E || !(isa<MaterializeTemporaryExpr>(E) || isa<ImplicitCastExpr>(E) ||
                isa<ParenExpr>(E) || isa<CXXBindTemporaryExpr>(E)))
      return false;
  }
  return false;
}

bool hasMemberFutureClass(const FunctionDecl *F) {
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (!M || M->getParent()->isLambda())
    return false;
  const CXXRecordDecl *Record = M->getParent();
  return Record->isDependentContext() || Record->getDeclContext()->isRecord() ||
         M->getDescribedFunctionTemplate();
}

const FunctionDecl *patternOf(const FunctionDecl *Callee) {
  if (const FunctionTemplateDecl *T = Callee->getPrimaryTemplate()) {
    // Q<int>::run<F> is a specialization of Q<int>::run, which is Q<T>::run's.
    while (const FunctionTemplateDecl *From = T->getInstantiatedFromMemberTemplate())
      T = From;
    return T->getTemplatedDecl();
  }
  if (const FunctionDecl *Member = Callee->getInstantiatedFromMemberFunction())
    return Member; // Q<int>::pop is Q<T>::pop's
  return Callee;
}

namespace {

bool trivialDtor(QualType T) {
  if (T->isDependentType())
    return false; // unknown: assume it matters
  return T.isDestructedType() == QualType::DK_none;
}

/// Unique, readable names that cannot capture a name the body uses.
class Namer {
public:
  Namer(SourceRange R, ASTContext &Ctx) {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string Text = sourceText(R, Ctx);
    Lexer Lex(SM.getLocForStartOfFile(SM.getMainFileID()), Ctx.getLangOpts(), Text.data(),
              Text.data(), Text.data() + Text.size());
    Token Tok;
    while (!Lex.LexFromRawLexer(Tok)) {
      if (Tok.is(tok::raw_identifier))
        ++Tokens[Tok.getRawIdentifier().str()];
    }
    if (Tok.is(tok::raw_identifier))
      ++Tokens[Tok.getRawIdentifier().str()];
  }

  unsigned tokenCount(const std::string &Name) const {
    auto It = Tokens.find(Name);
    return It == Tokens.end() ? 0 : It->second;
  }

  /// Base if free, else Base_1, Base_2, ...
  std::string fresh(const std::string &Base) {
    std::string Name = Base;
    for (unsigned I = 1; tokenCount(Name) || Taken.count(Name); ++I)
      Name = Base + "_" + std::to_string(I);
    Taken.insert(Name);
    return Name;
  }
  /// Keeps Name when the body uses it only for this variable.
  std::string keep(const std::string &Name, unsigned ExpectedTokens) {
    if (tokenCount(Name) == ExpectedTokens && !Taken.count(Name)) {
      Taken.insert(Name);
      return Name;
    }
    Taken.insert(Name); // never reuse it for anything generated
    std::string Base = Name;
    std::string Fresh = Base;
    for (unsigned I = 1; tokenCount(Fresh) || Taken.count(Fresh); ++I)
      Fresh = Base + "_" + std::to_string(I);
    Taken.insert(Fresh);
    return Fresh;
  }

private:
  std::map<std::string, unsigned> Tokens;
  std::set<std::string> Taken;
};

/// Walks the body in evaluation order with a stack of scopes, recording
/// variables, suspension points, exits and what is in scope where.
const UnresolvedLookupExpr *dependentCallee(const CallExpr *Call); // (below)

class Walker {
public:
  Walker(AsyncFunction &F, ASTContext &Ctx, const FutureClasses &Classes, Diagnostics &Diag,
         Namer &Names)
      : F(F), Ctx(Ctx), Classes(Classes), Diag(Diag), Names(Names) {}

  void run() {
    push(F.Decl->getBody(), false, false);
    if (F.Lambda)
      for (const LambdaCapture &C : F.Lambda->captures()) {
        if (!C.capturesVariable())
          continue;
        const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
        if (!VD)
          continue;
        unsigned I = declare(VD, /*IsParam=*/true);
        Variable &V = F.Vars[I];
        V.IsCapture = true;
        V.ExplicitCapture = C.isExplicit();
        // Called where it is written (`spawn([=]() -> Async<void> {...}())`),
        // the closure dies with the full-expression: its by-value captures
        // are moved into the future, which owns them. Otherwise the future
        // refers to the closure's captures, as the lambda's body does (and a
        // member function's future to its object; C++20 coroutine lambdas
        // alike): the body sees what the closure holds, a `mutable` lambda's
        // changes reach the next call, and nothing is copied (SPEC 2.3).
        bool ByRef = C.getCaptureKind() == LCK_ByRef || !calledWhereWritten(F.Lambda, Ctx);
        QualType T = VD->getType().getNonReferenceType();
        if (ByRef && C.getCaptureKind() != LCK_ByRef && !F.Lambda->isMutable())
          T = T.withConst(); // the closure's own copy, const in its call
        V.IsReference = ByRef;
        V.ValueType = typeName(T, Ctx);
        V.SlotType = ByRef ? typeName(Ctx.getPointerType(T), Ctx) : V.ValueType;
        V.TrivialDtor = ByRef || trivialDtor(T);
        // Dependent, or `auto g = nums(5);` (nums_generator in the output,
        // Generator<int> in the input): named after the variable, before
        // the class (inside it, the name is poll's own).
        if (T->isDependentType() || (VD->getType()->getContainedAutoType() && mentionsMarker(T))) {
          V.TypeAlias = Names.fresh(VD->getName().str() + "_type");
          V.ValueType = (T.isConstQualified() ? "const " : "") + V.TypeAlias;
          V.SlotType = ByRef ? V.ValueType + " *" : V.ValueType;
        }
      }
    for (const ParmVarDecl *P : F.Decl->parameters())
      if (!P->getName().empty()) {
        unsigned I = declare(P, /*IsParam=*/true);
        Variable &V = F.Vars[I];
        if (F.Lambda && P->getType()->isDependentType()) {
          // A generic lambda's `auto` parameter: its type has no name.
          V.ValueType = "std::remove_reference_t<decltype(" + P->getName().str() + ")>";
          V.SlotType = V.IsReference ? V.ValueType + "*" : V.ValueType;
        }
      }
    walkStmt(F.Decl->getBody());
    pop();
  }

  struct Exit {
    const Stmt *S;
    std::vector<unsigned> Leaving; ///< vars whose scope it leaves, in order
  };
  std::vector<Exit> Exits;
  /// Vars in scope when each var was declared (its enclosing objects).
  std::map<unsigned, std::vector<unsigned>> Enclosing;
  std::vector<const Stmt *> AwaitCalls;
  /// Scope owner -> variables declared directly in it.
  std::map<const Stmt *, std::vector<unsigned>> Ends;
  std::set<const VarDecl *> NamedRanges;
  /// A range-for's loop variable -> its loop.
  std::map<const VarDecl *, const CXXForRangeStmt *> RangeLoops;
  /// Declared by a statement of a block (not in a condition, an
  /// init-statement or a range-for's head).
  std::set<const VarDecl *> InBlocks;

private:
  struct Frame {
    const Stmt *Owner;
    bool Breakable, Continuable;
    std::vector<unsigned> Vars;
  };

  AsyncFunction &F;
  ASTContext &Ctx;
  const FutureClasses &Classes;
  Diagnostics &Diag;
  Namer &Names;
  std::vector<Frame> Frames;

  /// The type E has in the output, when it differs from the input's T:
  /// a call to a lowered function returns its generated class, and a type
  /// built from one (`join(a(), b())`, `next(stream)`) can only be named as
  /// decltype of the same expression over the output's types. Empty when T
  /// is the same in both.
  std::string outputTypeOf(const Expr *E, QualType T) const {
    std::string Direct = loweredTypeOf(E);
    if (!Direct.empty() || !mentionsMarker(T) || !involvesLowered(E))
      return Direct;
    return "std::decay_t<decltype(" + declvalText(E) + ")>";
  }

  /// Does E call a lowered function (outside boxed(...)) or name a local
  /// whose type the output changed?
  bool involvesLowered(const Stmt *S) const {
    if (!S || F.File->Boxed.count(dyn_cast<Expr>(S)))
      return false;
    // A choice whose side suspends is lowered to a temporary of its own
    // (marker) type: `c ? f() : g(await(x))` is an Async<int>.
    if (const auto *C = dyn_cast<ConditionalOperator>(S))
      if (markerOf(C->getType()) != Marker::None &&
          (suspends(C->getTrueExpr()) || suspends(C->getFalseExpr())))
        return false;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        if (Callee->getIdentifier() && Callee->getName() == "boxed")
          return false;
        if (!loweredTypeOf(Call).empty())
          return true;
      }
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        if (const Variable *V = F.var(VD))
          if (V->OutputTypeChanged)
            return true;
    for (const Stmt *Child : S->children())
      if (involvesLowered(Child))
        return true;
    return false;
  }

  /// Is T, or one of its template arguments, a lambda's closure type?
  static bool involvesLambdaType(QualType T) { return mentionsLambda(T); }

  std::string declvalText(const Expr *E) const { return stackless::declvalText(E, F, Ctx); }

  /// `boxed([x]() -> Async<T> { ... }())` in a template: what boxed returns
  /// is the lambda's declared type (`stackless::Async<T>`).
  std::string boxedLambdaType(const Expr *Operand) const {
    const auto *Call = dyn_cast<CallExpr>(Operand->IgnoreParenImpCasts());
    const auto *ULE = Call ? dyn_cast_or_null<UnresolvedLookupExpr>(
                                 Call->getCallee() ? Call->getCallee()->IgnoreParenImpCasts() : nullptr)
                           : nullptr;
    if (!ULE || !ULE->getName().isIdentifier() || ULE->getName().getAsString() != "boxed" ||
        Call->getNumArgs() != 1)
      return "";
    // (A call of the closure: an operator call, or in a template a plain
    // call whose callee is the lambda.)
    const auto *Inner = dyn_cast<CallExpr>(Call->getArg(0)->IgnoreImplicit());
    const Expr *Object = !Inner                              ? nullptr
                         : isa<CXXOperatorCallExpr>(Inner) ? Inner->getArg(0)->IgnoreImplicit()
                                                             : Inner->getCallee()->IgnoreImplicit();
    if (const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(Object))
      Object = MTE->getSubExpr()->IgnoreImplicit();
    const auto *Lambda = dyn_cast_or_null<LambdaExpr>(Object);
    if (!Lambda)
      return "";
    QualType Declared = Lambda->getCallOperator()->getDeclaredReturnType();
    return markerOf(Declared) == Marker::None ? "" : typeName(Declared, Ctx);
  }

  /// `boxed(kids[i].sum())` in a member of a class template, of a member of
  /// the same class: what boxed returns is the callee's declared type
  /// (`stackless::Async<T>`), spelled as such. (decltype of the call would
  /// need the callee's class complete: inside its own definition, when the
  /// recursion is through itself.)
  std::string boxedMemberType(const Expr *Operand) const {
    const auto *Call = dyn_cast<CallExpr>(Operand->IgnoreParenImpCasts());
    const UnresolvedLookupExpr *ULE = Call ? dependentCallee(Call) : nullptr;
    const FunctionDecl *Direct = Call ? Call->getDirectCallee() : nullptr;
    bool IsBoxed = (Direct && Direct->getIdentifier() && Direct->getName() == "boxed") ||
                   (ULE && ULE->getName().isIdentifier() &&
                    ULE->getName().getAsString() == "boxed");
    const auto *Own = dyn_cast<CXXMethodDecl>(F.Decl);
    if (!IsBoxed || Call->getNumArgs() != 1 || !Own || F.Lambda)
      return "";
    const auto *Inner = dyn_cast<CallExpr>(Call->getArg(0)->IgnoreParenImpCasts());
    const FunctionDecl *Callee = Inner ? Inner->getDirectCallee() : nullptr;
    if (!Callee)
      if (const auto *M = Inner ? dyn_cast<UnresolvedMemberExpr>(Inner->getCallee()) : nullptr;
          M && M->getNumDecls() == 1)
        Callee = M->decls_begin()->getUnderlyingDecl()->getAsFunction();
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (!Method || Method->getParent() != Own->getParent() || Method->getDescribedFunctionTemplate() ||
        markerOf(Method->getDeclaredReturnType()) == Marker::None)
      return "";
    return typeName(Method->getDeclaredReturnType(), Ctx);
  }

  const FunctionDecl *loweredCalleeOf(const Expr *E) const {
    return stackless::loweredCallee(E, Classes);
  }

  /// `ns::` for the namespace the generated class of Fn is written in (that
  /// of its definition), so that callers elsewhere can name it.
  std::string classScopeOf(const FunctionDecl *Fn) const {
    // (The namespace that declares the function: where it is defined, or,
    // defined outside it by a qualified name, ClassQualifier says it.)
    const DeclContext *DC = Fn->getDeclContext();
    while (DC && !DC->isFileContext())
      DC = DC->getParent();
    return namespaceQualifier(DC);
  }

  std::string loweredTypeOf(const Expr *E) const {
    if (const HoistedLambda *H = hoistedLambdaCall(E, F.File))
      return H->ClassName;
    const FunctionDecl *Pattern = loweredCalleeOf(E);
    if (!Pattern)
      return "";
    const FunctionDecl *Callee = loweredCall(E)->getDirectCallee();
    std::string Name = classScopeOf(Pattern) + Classes.find(Pattern)->second;
    if (hasMemberFutureClass(Pattern)) {
      // A member class of the callee's class: of Q<int>, for a call on one;
      // of the caller's own class, found by its name alone (an out-of-class
      // definition may call the class's parameters by other names).
      const CXXRecordDecl *Owner = cast<CXXMethodDecl>(Callee)->getParent();
      const auto *Caller = dyn_cast<CXXMethodDecl>(F.Decl);
      Name = Caller && !F.Lambda && Caller->getParent() == Owner
                 ? Classes.find(Pattern)->second
                 : std::string(Owner->isDependentContext() ? "typename " : "") +
                       typeName(Ctx.getTypeDeclType(Owner), Ctx) + "::" +
                       Classes.find(Pattern)->second;
    }
    if (const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs()) {
      // An argument deduced from a lowered future (`logged(v(3))` deduces
      // F = Async<int> in the input, v_future in the output): the caller
      // spells the type with decltype instead (outputTypeOf).
      for (const TemplateArgument &A : Args->asArray())
        if (A.getKind() == TemplateArgument::Type && mentionsMarker(A.getAsType()))
          return "";
      Name += "<";
      for (unsigned I = 0; I < Args->size(); ++I) {
        if (I)
          Name += ", ";
        const TemplateArgument &A = Args->get(I);
        if (A.getKind() == TemplateArgument::Type)
          Name += typeName(A.getAsType(), Ctx);
        else {
          std::string S;
          llvm::raw_string_ostream OS(S);
          A.print(PrintingPolicy(Ctx.getLangOpts()), OS, true);
          Name += OS.str();
        }
      }
      Name += ">";
    }
    return Name;
  }
  std::vector<const Stmt *> Ancestors;
  std::vector<unsigned> Initializing;    ///< vars whose initializer we are in
  const Stmt *Full = nullptr;            ///< statement whose expression we walk
  const char *NoAwaitReason = nullptr;   ///< why an await here is rejected
  std::vector<const CXXTryStmt *> Tries; ///< try blocks around this point
  bool FullAllowsAwait = false;
  unsigned AwaitsInFull = 0;

  void push(const Stmt *Owner, bool Breakable, bool Continuable) {
    Frames.push_back({Owner, Breakable, Continuable, {}});
  }
  void pop() {
    Frame &Fr = Frames.back();
    if (!Fr.Vars.empty())
      Ends[Fr.Owner] = Fr.Vars;
    Frames.pop_back();
  }

  std::vector<unsigned> inScope(size_t FromFrame = 0) const {
    std::vector<unsigned> Out;
    for (size_t I = FromFrame; I < Frames.size(); ++I)
      Out.insert(Out.end(), Frames[I].Vars.begin(), Frames[I].Vars.end());
    return Out;
  }

  unsigned declare(const VarDecl *VD, bool IsParam = false) {
    Variable V;
    V.Decl = VD;
    V.IsParam = IsParam;
    QualType T = VD->getType();
    V.IsReference = T->isReferenceType();
    if (V.IsReference) {
      // A reference bound to a temporary extends its life: keep the value.
      // (IgnoreImplicit would skip the MaterializeTemporaryExpr itself.)
      const Expr *Init = VD->getInit();
      while (Init && (isa<FullExpr>(Init) || isa<ImplicitCastExpr>(Init)))
        Init = isa<FullExpr>(Init) ? cast<FullExpr>(Init)->getSubExpr()
                                   : cast<ImplicitCastExpr>(Init)->getSubExpr();
      if (const auto *MTE = dyn_cast_or_null<MaterializeTemporaryExpr>(Init))
        if (MTE->getExtendingDecl() == VD &&
            Ctx.hasSameUnqualifiedType(MTE->getType(), T.getNonReferenceType())) {
          V.IsReference = false;
          T = MTE->getType();
        }
    }
    // `for (int p : {2, 3, 5, 7})`: an initializer_list points into an
    // array that is itself a temporary; a slot keeps the elements instead,
    // in a std::array (the range-for reads it through begin() and end()).
    if (!V.IsReference && T->isRecordType())
      if (const auto *List = dyn_cast_or_null<CXXStdInitializerListExpr>(
              VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr)) {
        QualType E;
        if (const auto *Spec =
                dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl()))
          E = Spec->getTemplateArgs()[0].getAsType();
        const auto *Array = Ctx.getAsConstantArrayType(List->getSubExpr()->getType());
        if (E.isNull() || !Array)
          unsupported(VD->getLocation(), "this braced list as a range");
        else
          V.BackingArray = true;
        V.AddressEscapes = V.BackingArray; // the iterators point into it
        if (V.BackingArray) {
          V.ValueType = V.SlotType = fmt::format("std::array<{}, {}>", typeName(E, Ctx),
                                                 Array->getSize().getZExtValue());
          V.TrivialDtor = trivialDtor(E);
        }
      }
    if (V.BackingArray) {
    } else if (V.IsReference) {
      V.ValueType = typeName(T.getNonReferenceType(), Ctx);
      V.SlotType = typeName(Ctx.getPointerType(T.getNonReferenceType()), Ctx);
      V.TrivialDtor = true;
      // `T &&t`, a forwarding reference: T itself is a reference when it is
      // given an lvalue (`std::vector<int> &`), and a pointer to it is not
      // a type; the slot points to what it refers to.
      QualType Referee = T.getNonReferenceType();
      if (T->isRValueReferenceType() && !Referee.hasQualifiers() &&
          isa<TemplateTypeParmType>(Referee.getTypePtr())) {
        V.ValueType = "std::remove_reference_t<" + V.ValueType + ">";
        V.SlotType = V.ValueType + " *";
      }
    } else {
      V.ValueType = V.SlotType = typeName(T.getNonReferenceType(), Ctx);
      V.TrivialDtor = trivialDtor(T.getNonReferenceType());
      // `auto`: its type follows its initializer, which the output may
      // change (a lowered generator's begin() is not the marker's), unless
      // the file keeps the type the input deduced (FileDecisions).
      if (VD->getType()->getContainedAutoType() && VD->getInit() &&
          !F.File->KeepDeclaredType.count(VD)) {
        std::string Lowered = outputTypeOf(VD->getInit(), T.getNonReferenceType());
        // `auto fut = call_twice(sq);` of an async function template given a
        // lambda: its class for the lambda's type, made by a factory.
        if (lambdaTemplateArgument(VD->getInit()->IgnoreImplicit()->IgnoreParens())) {
          std::string WhyNot;
          V.HoldsLambda = true;
          if (makeHeldLambdaFactories(F, VD->getInit(), Ctx, WhyNot)) {
            Lowered = "std::decay_t<decltype(" + declvalText(VD->getInit()) + ")>";
            V.HoldsLambda = false;
          }
        }
        // A member of a lowered object (`auto it = gen.begin();`).
        const auto *Member = dyn_cast<CXXMemberCallExpr>(VD->getInit()->IgnoreImplicit());
        if (Lowered.empty() && Member && involvesLowered(Member->getImplicitObjectArgument()))
          Lowered = "std::decay_t<decltype(" + declvalText(VD->getInit()) + ")>";
        if (!Lowered.empty()) {
          V.ValueType = V.SlotType = Lowered;
          V.TrivialDtor = false;
          V.OutputTypeChanged = true;
        }
      }
    }
    // `auto it = c.begin();` in a template: its type is known only at the
    // instantiation; the generated class names it by its initializer.
    if (!IsParam && VD->getType()->getContainedAutoType() && !isa<DecompositionDecl>(VD) &&
        VD->getType()->isDependentType() && VD->getInit() && !V.BackingArray &&
        VD->getInitStyle() == VarDecl::CInit && !containsLambda(VD->getInit()) &&
        !isa<InitListExpr>(VD->getInit()->IgnoreImplicit())) {
      std::string Of = "decltype(" + declvalText(VD->getInit()) + ")";
      std::string Const = T.getNonReferenceType().isConstQualified() ? "const " : "";
      // `auto &&r = v;` of a local or parameter: v's own type.
      const auto *Named = dyn_cast<DeclRefExpr>(VD->getInit()->IgnoreParenImpCasts());
      const auto *NamedVD = Named ? dyn_cast<VarDecl>(Named->getDecl()) : nullptr;
      const Variable *Of_ = NamedVD ? this->F.var(NamedVD) : nullptr;
      if (V.IsReference && Of_ && !Of_->IsReference && Of_->TypeAlias.empty()) {
        V.ValueType = Const + Of_->ValueType;
        V.SlotType = pointerTo(V.ValueType);
      } else if (V.IsReference) {
        V.ValueType = Const + "std::remove_reference_t<" + Of + ">";
        V.SlotType = V.ValueType + " *";
      } else {
        V.ValueType = V.SlotType = Const + "std::decay_t<" + Of + ">";
      }
      V.TypeFromInit = true;
    }
    QualType Stored = V.IsReference ? Ctx.VoidPtrTy : T.getNonReferenceType();
    if (!Stored->isDependentType() && !Stored->isIncompleteType())
      V.Align = Ctx.getTypeAlignInChars(Stored).getQuantity();
    if (!V.IsReference && VD->hasAttr<AlignedAttr>()) // `alignas(64) int x;` (Emitter: alignasOf)
      V.Align = std::max<unsigned>(V.Align, Ctx.getDeclAlign(VD).getQuantity());
    unsigned Index = F.Vars.size();
    F.Vars.push_back(std::move(V));
    F.VarIndex[VD] = Index;
    Enclosing[Index] = inScope();
    Frames.back().Vars.push_back(Index);
    return Index;
  }

  void declareWithInit(const VarDecl *VD) {
    if (VD->isStaticLocal() && VD->getInit() && suspends(VD->getInit())) {
      unsupported(VD->getLocation(), "await in the initializer of a static local variable (which "
                                     "runs once, for all calls of the function)");
      return;
    }
    if (!VD->isLocalVarDecl() || VD->isStaticLocal()) {
      if (VD->getInit())
        walkExpr(VD->getInit());
      return;
    }
    // The extent of a variable starts with its initializer.
    size_t Before = F.Points.size();
    if (const Expr *Init = VD->getInit()) {
      noteEscape(VD, Init);
      walkExpr(Init);
    }
    unsigned I = declare(VD);
    for (size_t K = Before; K < F.Points.size(); ++K) {
      F.Vars[I].LabelsInExtent.insert(F.Points[K].Index);
      F.Vars[I].InitLabels.insert(F.Points[K].Index);
    }
  }

  /// A range-for over a lowered generator (or anything whose type the
  /// output changes): its hidden begin/end iterators are typed from the
  /// marker class in the input; in the output they are what the lowered
  /// class's begin()/end() return.
  void retypeLoweredRangeIterators(const CXXForRangeStmt *Range) {
    const auto *RangeDS = dyn_cast_or_null<DeclStmt>(Range->getRangeStmt());
    const auto *RangeVD = RangeDS ? dyn_cast<VarDecl>(RangeDS->getSingleDecl()) : nullptr;
    if (!RangeVD)
      return;
    const Variable *Source = F.var(RangeVD);
    const Expr *Init = Range->getRangeInit()->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()); VD && F.var(VD))
        Source = F.var(VD);
    if (!Source || !Source->OutputTypeChanged)
      return;
    for (auto [DS, Which] : {std::pair(Range->getBeginStmt(), "begin"),
                             std::pair(Range->getEndStmt(), "end")}) {
      const auto *It = DS ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
      for (Variable &V : F.Vars)
        if (It && V.Decl == It)
          V.ValueType = V.SlotType = fmt::format(
              "std::decay_t<decltype(std::declval<{} &>().{}())>", Source->ValueType, Which);
    }
  }

  /// `for (const T &x : v)` over a `std::vector<T> v` in a template: the
  /// iterators Clang makes only at each instantiation, declared here with
  /// the types stackless::detail::range_begin/range_end return.
  void makeIterators(const CXXForRangeStmt *Range) {
    const auto *RangeVD = cast<VarDecl>(cast<DeclStmt>(Range->getRangeStmt())->getSingleDecl());
    const Variable *RV = F.var(RangeVD);
    if (!RV)
      return;
    // Whether `auto &&__range = f(x);` binds a temporary (to be kept) or an
    // object is known only at the instantiation.
    const Expr *Init = Range->getRangeInit()->IgnoreParenImpCasts();
    if (RV->IsReference && Init->isTypeDependent() &&
        !(isa<DeclRefExpr>(Init) || isa<MemberExpr>(Init) ||
          isa<CXXDependentScopeMemberExpr>(Init) || isa<ArraySubscriptExpr>(Init) ||
          (isa<UnaryOperator>(Init) && cast<UnaryOperator>(Init)->getOpcode() == UO_Deref))) {
      Diag.error(Range->getColonLoc(),
                 "a range-for over a call's result (or another unnamed range) of a type that "
                 "depends on a template parameter, suspending in its body, is not supported "
                 "yet; name the range in a variable first");
      return;
    }
    std::string RangeType = RV->ValueType;
    auto *DC = const_cast<DeclContext *>(RangeVD->getDeclContext());
    std::pair<const VarDecl *, const VarDecl *> Made;
    for (const char *Which : {"begin", "end"}) {
      VarDecl *VD = VarDecl::Create(Ctx, DC, Range->getColonLoc(), Range->getColonLoc(),
                                    &Ctx.Idents.get(std::string("__") + Which + "_made"),
                                    Ctx.DependentTy, nullptr, SC_None);
      VD->setImplicit();
      unsigned I = declare(VD);
      Variable &V = F.Vars[I];
      V.ValueType = V.SlotType = fmt::format(
          "std::decay_t<decltype(stackless::detail::range_{}(std::declval<{}>()))>", Which,
          lvalueReferenceTo(RangeType));
      V.TrivialDtor = false; // unknown: assume it matters
      V.TypeFromInit = true;
      (std::string(Which) == "begin" ? Made.first : Made.second) = VD;
      if (const VarDecl *Pointee = RV->IsReference ? baseVar(Range->getRangeInit()) : RangeVD)
        Holders.push_back({Pointee, VD}); // they point into the range
    }
    F.MadeIterators[Range] = Made;
  }

  /// `for (auto x : c)` over a range of dependent type: the loop variable
  /// has no initializer until the instantiation; its type is named from
  /// the iterator (`*it`), as `auto` deduces it.
  void typeLoopVariable(const CXXForRangeStmt *Range) {
    auto It = F.MadeIterators.find(Range);
    const VarDecl *Loop = Range->getLoopVariable();
    Variable *V = Loop ? const_cast<Variable *>(F.var(Loop)) : nullptr;
    if (It == F.MadeIterators.end() || !V || !Loop->getType()->getContainedAutoType() ||
        !Loop->getType()->isDependentType() || isa<DecompositionDecl>(Loop))
      return;
    std::string Of =
        "decltype(*std::declval<" + lvalueReferenceTo(F.var(It->second.first)->ValueType) + ">())";
    std::string Const = Loop->getType().getNonReferenceType().isConstQualified() ? "const " : "";
    if (V->IsReference) {
      V->ValueType = Const + "std::remove_reference_t<" + Of + ">";
      V->SlotType = V->ValueType + " *";
    } else {
      V->ValueType = V->SlotType = Const + "std::decay_t<" + Of + ">";
    }
    V->TypeFromInit = true;
  }

  /// A range-for's iterators point into its range: kept across a
  /// suspension, they keep the range where it is (a temporary bound to the
  /// hidden `__range`, or the local it names), like a pointer would.
  void noteIteratorsInto(const CXXForRangeStmt *Range) {
    const auto *RangeDS = dyn_cast_or_null<DeclStmt>(Range->getRangeStmt());
    const auto *RangeVD = RangeDS ? dyn_cast<VarDecl>(RangeDS->getSingleDecl()) : nullptr;
    const Variable *RV = RangeVD ? F.var(RangeVD) : nullptr;
    if (!RV)
      return;
    const VarDecl *Pointee = RV->IsReference ? baseVar(Range->getRangeInit()) : RangeVD;
    if (!Pointee)
      return;
    for (const DeclStmt *DS : {Range->getBeginStmt(), Range->getEndStmt()})
      if (const auto *It = DS ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr)
        Holders.push_back({Pointee, It});
  }

  /// A pointer or reference variable bound to a local: that local's address
  /// escapes if the holder itself lives across a suspension point (known
  /// once the walk is done, see resolveEscapes). So does a local bound to
  /// a reference member of an aggregate (`Ref r{a};`) or to a reference
  /// parameter of the constructor that initializes the holder
  /// (`std::string_view v(buf);`, `std::tuple<int &> t{a};`), and one whose
  /// address it is given (`Node n{&a};`).
  void noteEscape(const VarDecl *VD, const Expr *Init) {
    QualType T = VD->getType();
    if (T->isReferenceType() || T->isPointerType()) {
      const Expr *E = Init->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
        E = U->getSubExpr();
      if (const VarDecl *Base = baseVar(E))
        Holders.push_back({Base, VD});
      else
        noteBoundParts(VD, Init); // `const Box *p = pick(a, b);`
      return;
    }
    if (T->isRecordType() || T->isArrayType())
      noteBoundParts(VD, Init);
  }
  void noteBoundParts(const VarDecl *VD, const Expr *E) {
    if (!E)
      return;
    E = E->IgnoreImplicit();
    auto Part = [&](const Expr *Arg) {
      const Expr *A = Arg->IgnoreParens();
      while (const auto *Cast = dyn_cast<ImplicitCastExpr>(A)) { // keeps its value category
        if (Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_DerivedToBase &&
            Cast->getCastKind() != CK_UncheckedDerivedToBase && Cast->getCastKind() != CK_ArrayToPointerDecay)
          break;
        A = Cast->getSubExpr()->IgnoreParens();
      }
      if (const auto *U = dyn_cast<UnaryOperator>(A); U && U->getOpcode() == UO_AddrOf)
        A = U->getSubExpr();
      else if (!A->isGLValue())
        return noteBoundParts(VD, A); // a nested braced list or construction
      if (const VarDecl *Base = baseVar(A))
        Holders.push_back({Base, VD});
    };
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      for (const Expr *Element : List->inits())
        Part(Element);
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
      if (Ctor->getConstructor()->isCopyOrMoveConstructor())
        return; // a copy holds nothing of its source's
      for (const Expr *Arg : Ctor->arguments())
        Part(Arg);
    } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      noteBoundParts(VD, Cast->getSubExpr());
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // What a call returns may point into what it was given by reference:
      // `View v = view_of(b);`, `auto g = src.items();` (a generator that
      // keeps `this`). Without the callee's lifetimes, every such argument
      // escapes with the result, the object of a member call too.
      // A reference variable given stands for what it is bound to (a
      // range-for's hidden `__range` for the range: its iterators are
      // noteIteratorsInto's).
      size_t First = Holders.size();
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        if (const Expr *Object = Member->getImplicitObjectArgument())
          Part(Object);
      for (const Expr *Arg : Call->arguments())
        Part(Arg);
      for (size_t I = First; I < Holders.size(); ++I)
        Holders[I].first = referent(Holders[I].first);
      Holders.erase(std::remove_if(Holders.begin() + First, Holders.end(),
                                   [](const auto &H) { return !H.first; }),
                    Holders.end());
    }
  }

  /// The local a reference variable is bound to, through references
  /// (itself if not a reference; null when bound to something else).
  static const VarDecl *referent(const VarDecl *VD) {
    for (int Depth = 0; VD && VD->getType()->isReferenceType(); ++Depth)
      VD = Depth < 8 && VD->getInit() ? baseVar(VD->getInit()) : nullptr;
    return VD;
  }

public:
  void resolveEscapes() {
    for (auto [Pointee, Holder] : Holders) {
      const Variable *H = F.var(Holder);
      if (H && H->LabelsInExtent.size() > H->InitLabels.size())
        markEscape(Pointee);
    }
  }

private:
  std::vector<std::pair<const VarDecl *, const VarDecl *>> Holders;
  void markEscape(const VarDecl *VD) {
    if (const Variable *V = F.var(VD))
      const_cast<Variable *>(V)->AddressEscapes = true;
  }

  void unsupported(SourceLocation Loc, const std::string &What) {
    Diag.error(Loc, What + " is not supported yet");
  }

  // ---- statements ------------------------------------------------------

  void walkSub(const Stmt *S, bool Breakable = false, bool Continuable = false) {
    if (!S)
      return;
    push(S, Breakable, Continuable);
    walkStmt(S);
    pop();
  }

  /// Runs Walk with Owner as the statement whose full-expression it is in.
  template <class Fn> void inFullExpression(const Stmt *Owner, bool AllowAwait, Fn Walk) {
    const Stmt *SavedFull = Full;
    bool SavedAllow = FullAllowsAwait;
    unsigned SavedCount = AwaitsInFull;
    Full = Owner;
    FullAllowsAwait = AllowAwait;
    AwaitsInFull = 0;
    Walk();
    Full = SavedFull;
    FullAllowsAwait = SavedAllow;
    AwaitsInFull = SavedCount;
  }

  void walkFullExpr(const Stmt *Owner, const Expr *E, bool AllowAwait) {
    if (E)
      inFullExpression(Owner, AllowAwait, [&] { walkExpr(E); });
  }

  void walkStmt(const Stmt *S) {
    if (!S)
      return;
    Ancestors.push_back(S);
    walkStmtInner(S);
    Ancestors.pop_back();
  }

  void walkStmtInner(const Stmt *S) {
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      bool IsBody = CS == F.Decl->getBody();
      if (!IsBody)
        push(CS, false, false);
      for (const Stmt *Child : CS->body())
        walkStmt(Child);
      if (!IsBody)
        pop();
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      if (Ancestors.size() >= 2 && isa<CompoundStmt>(Ancestors[Ancestors.size() - 2]))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            InBlocks.insert(VD);
      walkDeclarations(DS);
    } else if (const auto *If = dyn_cast<IfStmt>(S)) {
      push(If, false, false);
      walkStmt(If->getInit()); // lowered before the statement (hoistedInit)
      if (If->getConditionVariable())
        walkCondVar(If->getConditionVariableDeclStmt());
      else
        walkFullExpr(If, If->getCond(), true);
      if (If->isConstexpr() && F.Decl->isDependentContext()) {
        // A resume jump may not enter the branch of an `if constexpr`;
        // outside a template it is an ordinary `if` (both branches are
        // checked anyway), lowered without `constexpr`.
        const char *Saved = NoAwaitReason;
        NoAwaitReason = "await inside an if constexpr branch";
        walkSub(If->getThen());
        walkSub(If->getElse());
        NoAwaitReason = Saved;
      } else {
        walkSub(If->getThen());
        walkSub(If->getElse());
      }
      pop();
    } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
      push(W, true, true);
      if (W->getConditionVariable())
        walkCondVar(W->getConditionVariableDeclStmt());
      else
        walkFullExpr(W, W->getCond(), true);
      walkSub(W->getBody());
      pop();
    } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
      push(Do, true, true);
      walkSub(Do->getBody());
      walkFullExpr(Do, Do->getCond(), true);
      pop();
    } else if (const auto *For = dyn_cast<ForStmt>(S)) {
      push(For, true, true);
      walkStmt(For->getInit());
      if (For->getConditionVariable())
        walkCondVar(For->getConditionVariableDeclStmt());
      else
        walkFullExpr(For, For->getCond(), true);
      walkSub(For->getBody());
      // A full-expression of its own, lowered at the end of the body
      // (lowerFor), where a `continue` goes.
      walkFullExpr(For->getInc(), For->getInc(), true);
      pop();
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      RangeLoops[Range->getLoopVariable()] = Range;
      push(Range, true, true);
      walkStmt(Range->getInit());
      {
        // Over a named object the lowering uses the object itself: the
        // hidden `auto&& __range` needs no slot.
        const Expr *Init = Range->getRangeInit()->IgnoreParenImpCasts();
        if (isa<DeclRefExpr>(Init) && Init->isLValue())
          if (const auto *DS = dyn_cast<DeclStmt>(Range->getRangeStmt()))
            if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
              NamedRanges.insert(VD);
        // `auto&& __range = e;`: a declaration whose initializer may await.
        walkStmt(Range->getRangeStmt());
        const Stmt *SavedFull = Full;
        Full = Range;
        FullAllowsAwait = false;
        walkStmt(Range->getBeginStmt());
        walkStmt(Range->getEndStmt());
        if (!Range->getBeginStmt() && Range->getRangeStmt() && suspends(Range->getBody()))
          makeIterators(Range);
        Full = SavedFull;
        retypeLoweredRangeIterators(Range);
        noteIteratorsInto(Range);
      }
      // The loop variable is declared afresh in each iteration.
      push(Range->getBody(), false, false);
      walkStmt(Range->getLoopVarStmt());
      typeLoopVariable(Range);
      if (isa<CompoundStmt>(Range->getBody())) {
        for (const Stmt *Child : cast<CompoundStmt>(Range->getBody())->body())
          walkStmt(Child);
      } else {
        walkStmt(Range->getBody());
      }
      pop();
      pop();
    } else if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      push(Sw, true, false);
      walkStmt(Sw->getInit());
      if (Sw->getConditionVariable())
        walkCondVar(Sw->getConditionVariableDeclStmt());
      else
        walkFullExpr(Sw, Sw->getCond(), true);
      walkSub(Sw->getBody());
      pop();
    } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
      walkStmt(Case->getSubStmt());
    } else if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      checkReturnedValue(Ret);
      walkFullExpr(Ret, Ret->getRetValue(), true);
      Exits.push_back({Ret, inScope(0)});
    } else if (isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
      bool IsBreak = isa<BreakStmt>(S);
      size_t Target = Frames.size();
      while (Target > 0) {
        const Frame &Fr = Frames[Target - 1];
        if (IsBreak ? Fr.Breakable : Fr.Continuable)
          break;
        --Target;
      }
      // Leaves the scopes inside the loop (or switch) it belongs to; a
      // `continue` also ends a while loop's condition variable (it is
      // created afresh by the next test).
      if (!IsBreak && Target > 0 && isa<WhileStmt>(Frames[Target - 1].Owner) &&
          cast<WhileStmt>(Frames[Target - 1].Owner)->getConditionVariable())
        --Target;
      Exits.push_back({S, inScope(Target)});
    } else if (isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S) || isa<LabelStmt>(S)) {
      unsupported(S->getBeginLoc(), "goto or a label in an async function");
    } else if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      // Resuming inside a try block means entering it first: each point
      // remembers the try blocks around it.
      Tries.push_back(Try);
      walkStmt(Try->getTryBlock());
      Tries.pop_back();
      const char *Saved = NoAwaitReason;
      NoAwaitReason = "await inside a catch handler";
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        walkSub(Try->getHandler(I));
      NoAwaitReason = Saved;
    } else if (const auto *Catch = dyn_cast<CXXCatchStmt>(S)) {
      if (const VarDecl *Param = Catch->getExceptionDecl())
        declare(Param);
      walkStmt(Catch->getHandlerBlock());
    } else if (const auto *E = dyn_cast<Expr>(S)) {
      walkFullExpr(S, E, true);
    } else {
      for (const Stmt *Child : S->children())
        walkStmt(Child);
    }
  }

  /// "await in X" said of a yield reads "yield in X".
  static std::string suspension(const std::string &Reason, bool IsYield) {
    if (IsYield && llvm::StringRef(Reason).starts_with("await "))
      return "yield " + Reason.substr(6);
    return Reason;
  }

  /// A declaration statement: each variable's extent starts with its
  /// initializer, which may await (the statement is its full-expression).
  void walkDeclarations(const DeclStmt *DS) {
    for (const Decl *D : DS->decls())
      if (const auto *Local = dyn_cast<CXXRecordDecl>(D))
        rejectSuspensionsIn(Local);
    inFullExpression(DS, true, [&] {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          declareWithInit(VD);
    });
  }

  /// A local class's members (their bodies, default arguments, member
  /// initializers) are other functions than the async one: an await there
  /// would be left unlowered. (An async lambda's body is its own.)
  void rejectSuspensionsIn(const CXXRecordDecl *Local) {
    struct Finder : RecursiveASTVisitor<Finder> {
      std::vector<const CallExpr *> Found;
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool VisitCallExpr(CallExpr *Call) {
        if (isAwaitCall(Call) || isYieldCall(Call))
          Found.push_back(Call);
        return true;
      }
    } Find;
    Find.TraverseDecl(const_cast<CXXRecordDecl *>(Local));
    for (const CallExpr *Call : Find.Found)
      Diag.error(Call->getBeginLoc(),
                 std::string(isAwaitCall(Call) ? "await" : "yield") +
                     " in a member of a class local to the function, which is not the async "
                     "function itself; make that member async, or move the await into the "
                     "function's body");
  }

  /// `if (T v = e)` and the like: the lowering creates v before the
  /// statement tests it (each iteration in a loop), so e may await.
  void walkCondVar(const DeclStmt *DS) { walkDeclarations(DS); }

  // ---- expressions -----------------------------------------------------

  void walkExpr(const Stmt *E) {
    if (!E)
      return;
    Ancestors.push_back(E);
    walkExprInner(E);
    Ancestors.pop_back();
  }

  void walkExprInner(const Stmt *E) {
    // `sizeof(await(f))`, `alignof`: not evaluated, so not a suspension.
    if (isa<UnaryExprOrTypeTraitExpr>(E))
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      for (const LambdaCapture &C : Lambda->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
          if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar())) {
            markEscape(VD);
            // `[&c = counter]`: the closure refers to counter.
            if (VD->isInitCapture() && VD->getInit())
              if (const VarDecl *Base = baseVar(VD->getInit()))
                markEscape(Base);
          }
      for (const Expr *Init : Lambda->capture_inits()) {
        if (Init && suspends(Init)) {
          Diag.error(Init->getBeginLoc(), "await in a lambda's capture initializer is not "
                                          "supported yet; await into a variable before the lambda");
          continue;
        }
        walkExpr(Init);
      }
      if (markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None)
        return; // lowered on its own (first): its class goes inside it
      checkNoSuspension(Lambda->getBody(), "inside a lambda that is not");
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf && !addressGoesToCall() && !addressGoesToHolder())
        if (const VarDecl *VD = baseVar(U->getSubExpr()))
          markEscape(VD);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (isYieldCall(Call)) {
        if (F.Kind == FunctionKind::Async) {
          Diag.error(Call->getBeginLoc(), "yield in an async function: only generators and streams "
                                          "may yield");
          return;
        }
        walkAwait(Call, /*IsYield=*/true);
        return;
      }
      if (isAwaitCall(Call)) {
        if (F.Kind == FunctionKind::Generator) {
          Diag.error(Call->getBeginLoc(), "await in a generator: only async functions and streams "
                                          "may await");
          return;
        }
        walkAwait(Call, /*IsYield=*/false);
        return;
      }
    }
    for (const Stmt *Child : E->children())
      walkExpr(Child);
  }

  /// `return ready(3);` in a function that awaits: the input's Async<T>
  /// takes any future, but the lowered body returns a T.
  void checkReturnedValue(const ReturnStmt *Ret) {
    const Expr *Value = Ret->getRetValue();
    const auto *Make = Value ? dyn_cast<CXXConstructExpr>(Value->IgnoreImplicit()) : nullptr;
    if (F.Kind != FunctionKind::Async || !Make || Make->getNumArgs() != 1 ||
        markerOf(Make->getType()) != Marker::Async)
      return;
    QualType Given = Make->getArg(0)->IgnoreImplicit()->getType();
    const TemplateArgument *Output = markerArgument(Make->getType(), 0);
    if (!isFutureLike(Given) || !Output || Output->getKind() != TemplateArgument::Type ||
        Ctx.hasSameUnqualifiedType(Given, Output->getAsType()))
      return;
    Diag.error(Value->getBeginLoc(),
               "returning a future from an async function that awaits is not supported; "
               "return its value: `return await(...);`");
  }

  /// `f(&x)`: an address passed to a call is assumed not to outlive it.
  bool addressGoesToCall() const {
    for (auto It = Ancestors.rbegin() + 1; It != Ancestors.rend(); ++It) {
      if (isa<ImplicitCastExpr>(*It) || isa<ParenExpr>(*It))
        continue;
      return isa<CallExpr>(*It) || isa<CXXConstructExpr>(*It);
    }
    return false;
  }
  /// `T* p = &x;`: decided by the holder p (noteEscape).
  bool addressGoesToHolder() const {
    for (auto It = Ancestors.rbegin() + 1; It != Ancestors.rend(); ++It) {
      if (isa<ImplicitCastExpr>(*It) || isa<ParenExpr>(*It))
        continue;
      return isa<DeclStmt>(*It);
    }
    return false;
  }

  void checkNoSuspension(const Stmt *S, const char *What) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (isAwaitCall(Call) || isYieldCall(Call)) {
        Diag.error(Call->getBeginLoc(),
                   isYieldCall(Call) ? "yield " + std::string(What) +
                                           " a generator; make the lambda a generator "
                                           "(-> stackless::Generator<Y>)"
                                     : "await " + std::string(What) +
                                           " async; make the lambda async "
                                           "(-> stackless::Async<T>)");
        return;
      }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      checkNoSuspension(Lambda->getBody(), What);
      return;
    }
    for (const Stmt *Child : S->children())
      checkNoSuspension(Child, What);
  }

  /// An await(f) or a yield(v): a suspension point.
  void walkAwait(const CallExpr *Call, bool IsYield) {
    if (Call->getNumArgs() != 1)
      return;
    const Expr *Operand = Call->getArg(0);
    walkExpr(Operand); // evaluated before suspending
    if (NoAwaitReason || !Full || !FullAllowsAwait) {
      unsupported(Call->getBeginLoc(), suspension(NoAwaitReason ? NoAwaitReason
                                                                : "await in this position",
                                                  IsYield));
      return;
    }
    ++AwaitsInFull;
    if (Call->getBeginLoc().isMacroID()) {
      unsupported(Call->getBeginLoc(), "await inside a macro expansion");
      return;
    }

    SuspendPoint P;
    P.Index = F.Points.size() + 1;
    P.IsYield = IsYield;
    P.Tries = Tries;
    P.Call = Call;
    P.Operand = Operand;
    P.FullStmt = Full;
    // await(Foo()) materialises a temporary; await(f) polls f in place.
    const Expr *Stripped = Operand->IgnoreImplicit();
    P.OperandIsTemporary = !IsYield && (Stripped->isPRValue() ||
                                        isa<MaterializeTemporaryExpr>(Operand->IgnoreParens()));
    QualType FutT = Operand->getType().getNonReferenceType();
    // (In a template, any lambda of the expression may be in its type.)
    const bool HoldsLambda =
        involvesLambdaType(FutT) || lambdaTemplateArgument(Operand->IgnoreImplicit()->IgnoreParens()) ||
        (FutT->isDependentType() && containsLambda(Operand, F.File) &&
         boxedMemberType(Operand).empty() && boxedLambdaType(Operand).empty());
    if (P.OperandIsTemporary && HoldsLambda) {
      // The future is stored in the state, and its type holds a lambda's:
      // each lambda of the expression is made by a function written before
      // the class, whose type the future's is spelled from (LambdaFactory.h).
      std::string WhyNot;
      if (!makeHeldLambdaFactories(F, Operand, Ctx, WhyNot)) {
        Diag.error(Call->getBeginLoc(),
                   "awaiting a future whose type holds a lambda is not supported here: " +
                       WhyNot +
                       "; pass a function pointer, a named function object or a std::function");
        return;
      }
      P.FutureType = "std::decay_t<decltype(" + declvalText(Operand) + ")>";
    }
    if (P.OperandIsTemporary && callsAsyncLambda(Operand, F.File)) {
      Diag.error(Call->getBeginLoc(),
                 "awaiting the future of an async lambda called inside an async function: its "
                 "type (a class local to the lambda) cannot be named in the generated class; " +
                     std::string(capturesThisInMember(Operand)
                                     ? "and an async lambda capturing `this` in an async member "
                                       "function is not supported yet: capture the object by "
                                       "reference (`[&self = *this]`) and box the future: "
                                     : "box it: ") +
                     "`await(stackless::boxed([..]() -> Async<T> { ... }()))`");
      return;
    }
    if (P.FutureType.empty())
      P.FutureType = outputTypeOf(Operand, FutT.getUnqualifiedType());
    if (P.FutureType.empty() && FutT->isDependentType())
      P.FutureType = boxedMemberType(Operand);
    if (P.FutureType.empty() && FutT->isDependentType())
      P.FutureType = boxedLambdaType(Operand);
    if (P.FutureType.empty() && FutT->isDependentType())
      P.FutureType = "std::decay_t<decltype(" + declvalText(Operand) + ")>";
    if (P.FutureType.empty())
      P.FutureType = typeName(FutT.getUnqualifiedType(), Ctx);
    if (P.OperandIsTemporary && P.FutureType.find("decltype(") != std::string::npos &&
        containsLambda(Operand, F.File, &F)) {
      Diag.error(Call->getBeginLoc(),
                 "awaiting a future whose type is spelled from an expression holding a lambda "
                 "is not supported yet (C++17's decltype cannot hold one); box the awaited "
                 "future: `await(stackless::boxed(...))`");
      return;
    }
    QualType Result = Call->getType();
    Result = readableOutputType(Result);
    P.ResultType = Result->isVoidType()        ? "void"
                   : Result->isDependentType() ? "stackless::future_output_t<" + P.FutureType + ">"
                                               : typeName(Result, Ctx);
    P.ResultUsed = !Result->isVoidType() && Full != Call && !isDiscarded(Call);
    P.ResultTrivial = !Result->isDependentType() && trivialDtor(Result);
    // A lowered future's type is not known yet (its class is emitted later).
    P.FutureTrivial = P.OperandIsTemporary && !FutT->isDependentType() &&
                      !involvesLowered(Operand) && trivialDtor(FutT);
    if (P.OperandIsTemporary)
      P.LoweredCallee = loweredCalleeOf(Operand);
    const SourceManager &SM = Ctx.getSourceManager();
    P.Line = SM.getExpansionLineNumber(Call->getBeginLoc());
    P.SourceText = commentText(Call->getSourceRange(), Ctx);
    for (unsigned I : inScope())
      F.Vars[I].LabelsInExtent.insert(P.Index);
    for (unsigned I : Initializing)
      F.Vars[I].LabelsInExtent.insert(P.Index);
    for (const Stmt *A : Ancestors)
      F.Suspending.insert(A);
    F.Suspending.insert(Full);
    for (const Frame &Fr : Frames)
      F.Suspending.insert(Fr.Owner);
    P.InScope = inScope();
    F.Points.push_back(std::move(P));
    AwaitCalls.push_back(Call);
  }

  /// Does E hold an async lambda that captures `this`, in a member function?
  bool capturesThisInMember(const Stmt *E) const {
    if (!E || F.SelfType.empty())
      return false;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return markerOf(Lambda->getCallOperator()->getDeclaredReturnType()) != Marker::None &&
             llvm::any_of(Lambda->captures(), [](const LambdaCapture &C) { return C.capturesThis(); });
    return llvm::any_of(E->children(), [&](const Stmt *Child) { return capturesThisInMember(Child); });
  }

  /// `await(f);` as a statement: the value is dropped.
  bool isDiscarded(const CallExpr *Call) const {
    for (auto It = Ancestors.rbegin() + 1; It != Ancestors.rend(); ++It) {
      if (*It == Full)
        return isa<Expr>(Full) && cast<Expr>(Full)->IgnoreParenImpCasts() == Call;
      if (!isa<ImplicitCastExpr>(*It) && !isa<ParenExpr>(*It) && !isa<ExprWithCleanups>(*It) &&
          !isa<CXXBindTemporaryExpr>(*It) && !isa<MaterializeTemporaryExpr>(*It))
        return false;
    }
    return false;
  }
};

/// Counts references to each variable in the body.
void countRefs(const Stmt *S, std::map<const VarDecl *, unsigned> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = referencedVar(Ref))
      if (Ref->getLocation().isFileID() ||
          VD->getASTContext().getSourceManager().isMacroArgExpansion(Ref->getLocation()))
        ++Out[VD]; // written in the file, possibly as a macro argument
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // A capture names the variable once where it is written (`[&total]`)
    // or not at all (`[&]`); Clang's initializer of the capture is one more
    // reference at a place already counted, so only an init-capture's own
    // initializer is walked.
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.isExplicit())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar())) {
          ++Out[VD];
          if (Lambda->isInitCapture(&C))
            countRefs(VD->getInit(), Out);
        }
    countRefs(Lambda->getBody(), Out);
    return;
  }
  for (const Stmt *Child : S->children())
    countRefs(Child, Out);
}

/// Counts the reads of each variable's value in S (`x` converted to an
/// rvalue): once done, they need nothing of the variable. A reference bound
/// to it, its address or a member call may outlive the expression.
void countValueReads(const Stmt *S, std::map<const VarDecl *, unsigned> &Out) {
  if (!S)
    return;
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
    if (Cast->getCastKind() == CK_LValueToRValue)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Cast->getSubExpr()->IgnoreParens()))
        if (const auto *VD = referencedVar(Ref))
          if (Ref->getLocation().isFileID() ||
              VD->getASTContext().getSourceManager().isMacroArgExpansion(Ref->getLocation())) {
            ++Out[VD];
            return;
          }
  for (const Stmt *Child : S->children())
    countValueReads(Child, Out);
}

std::string identifierFor(const Expr *Operand) {
  const Expr *E = Operand->IgnoreImplicit()->IgnoreParenCasts();
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temp->getSubExpr()->IgnoreImplicit();
  // `lam(1)`, `[..]() -> Async<int> { ... }()`: the function object's name.
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(E);
      Call && Call->getOperator() == OO_Call && Call->getNumArgs() > 0) {
    const Expr *Object = Call->getArg(0)->IgnoreImplicit()->IgnoreParenCasts();
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Object))
      Object = Temp->getSubExpr()->IgnoreImplicit();
    if (isa<LambdaExpr>(Object))
      return "lambda";
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Object); Ref && Ref->getDecl()->getIdentifier())
      return Ref->getDecl()->getName().str();
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier())
        return Callee->getName().str();
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E))
    if (const auto *RD = Ctor->getConstructor()->getParent())
      if (RD->getIdentifier())
        return RD->getName().str();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (Ref->getDecl()->getIdentifier())
      return Ref->getDecl()->getName().str();
  if (const auto *Unresolved = dyn_cast<OverloadExpr>(E))
    return Unresolved->getName().getAsString();
  if (const auto *RD = E->getType()->getAsCXXRecordDecl())
    if (RD->getIdentifier())
      return RD->getName().str();
  return "await";
}

} // namespace

bool isBoxed(const FunctionDecl *F) {
  // (In a class template whose base depends on a parameter, `override`
  // says it is virtual before the instantiation can.)
  if (const auto *M = dyn_cast<CXXMethodDecl>(F))
    if (M->isVirtual() || M->hasAttr<OverrideAttr>() || M->hasAttr<FinalAttr>())
      return true;
  const SourceManager &SM = F->getASTContext().getSourceManager();
  return !SM.isInMainFile(SM.getExpansionLoc(F->getCanonicalDecl()->getLocation()));
}

namespace {

/// In a template, the names a dependent call looks up (`r<T>(n - 1)`).
const UnresolvedLookupExpr *dependentCallee(const CallExpr *Call) {
  return dyn_cast_or_null<UnresolvedLookupExpr>(
      Call->getCallee() ? Call->getCallee()->IgnoreParenImpCasts() : nullptr);
}

/// The async function a call makes a future of (not a boxed one), if any:
/// its callee, or in a template the one function a dependent call names
/// (an overload set may resolve to any of its members).
const FunctionDecl *futureCallee(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    if (const UnresolvedLookupExpr *ULE = dependentCallee(Call); ULE && ULE->getNumDecls() == 1) {
      const NamedDecl *D = (*ULE->decls_begin())->getUnderlyingDecl();
      Callee = D->getAsFunction();
    }
  if (!Callee || markerOf(Callee->getDeclaredReturnType()) == Marker::None || isBoxed(Callee))
    return nullptr;
  return patternOf(Callee)->getCanonicalDecl(); // f<int> depends on f's class template
}

/// Same-file async functions called from the body; inside boxed(...) too
/// when InBoxed (the call still makes that future, so its class must be
/// complete there, though nothing of its type is stored).
void collectCallees(const Stmt *S, std::vector<const FunctionDecl *> &Out, bool InBoxed = false) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    // A boxed callee returns Async<T>: nothing of its type is stored.
    if (const FunctionDecl *Direct = Call->getDirectCallee();
        !InBoxed && Direct && Direct->getIdentifier() && Direct->getName() == "boxed")
      return;
    if (const UnresolvedLookupExpr *ULE = dependentCallee(Call);
        !InBoxed && ULE && ULE->getName().isIdentifier() && ULE->getName().getAsString() == "boxed")
      return; // (in a template)
    if (const FunctionDecl *Callee = futureCallee(Call))
      Out.push_back(Callee);
  }
  for (const Stmt *Child : S->children())
    collectCallees(Child, Out, InBoxed);
}

} // namespace

std::unique_ptr<AsyncFunction> analyze(const FunctionDecl *FD, ASTContext &Ctx,
                                       const FutureClasses &Classes, const FileDecisions &File,
                                       Diagnostics &Diag, const LambdaExpr *Lambda) {
  auto F = std::make_unique<AsyncFunction>();
  F->Decl = FD;
  F->File = &File;
  F->Lambda = Lambda;
  F->Template = Lambda ? nullptr : FD->getDescribedFunctionTemplate();
  if (F->Template) {
    const TemplateParameterList *Params = F->Template->getTemplateParameters();
    // The generated class takes the parameters the body can name: not an
    // unnamed one (`class = std::enable_if_t<...>`), there only to constrain.
    F->TemplateHead = templateHead(Params, Ctx, /*SkipUnnamed=*/true);
    std::string Args;
    for (const NamedDecl *P : *Params)
      if (P->getIdentifier())
        Args += (Args.empty() ? "" : ", ") + P->getNameAsString() +
                (P->isParameterPack() ? "..." : "");
    F->TemplateArgs = "<" + Args + ">";
    if (Args.empty()) // `template <class = void>`: a class like any other
      F->TemplateHead = F->TemplateArgs = "";
  }
  if (Lambda) {
    bool CapturesThis = false;
    for (const LambdaCapture &C : Lambda->captures())
      CapturesThis |= C.capturesThis();
    if (CapturesThis) {
      // `this` inside the lambda is the enclosing member function's.
      const DeclContext *DC = Lambda->getLambdaClass()->getDeclContext();
      while (DC && !isa<CXXMethodDecl>(DC))
        DC = DC->getParent();
      if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(DC))
        F->SelfType = typeName(M->getThisType(), Ctx);
    }
  } else if (const auto *M = dyn_cast<CXXMethodDecl>(FD)) {
    if (!M->isStatic()) {
      F->Method = M;
      // A member class names its enclosing class as the class's own body
      // does (`Q`, not `Q<T>`: an out-of-class definition may call T U).
      F->SelfType = hasMemberFutureClass(FD) ? std::string(M->isConst() ? "const " : "") +
                                                   M->getParent()->getName().str() + " *"
                                             : typeName(M->getThisType(), Ctx);
    }
    if (M->getParent()->isLocalClass()) {
      Diag.error(FD->getLocation(), "async member functions of local classes are not supported "
                                    "yet; define the class at namespace scope");
      return nullptr;
    }
    for (const DeclContext *DC = M->getParent(); isa<CXXRecordDecl>(DC); DC = DC->getParent())
      if (!cast<CXXRecordDecl>(DC)->getIdentifier() ||
          (isa<ClassTemplateSpecializationDecl>(DC) &&
           !isa<ClassTemplatePartialSpecializationDecl>(DC) && hasMemberFutureClass(FD))) {
        Diag.error(FD->getLocation(), "async member functions of unnamed classes, and of classes "
                                      "nested in an explicit specialization, are not supported "
                                      "yet");
        return nullptr;
      }
  }
  if (FD->getFriendObjectKind() != Decl::FOK_None && FD->getLexicalDeclContext()->isRecord()) {
    Diag.error(FD->getLocation(), "an async friend function defined inside its class is not "
                                  "supported yet; declare it there and define it after the class");
    return nullptr;
  }
  if (const auto *Try = dyn_cast<CXXTryStmt>(FD->getBody()); Try && suspends(Try)) {
    Diag.error(Try->getBeginLoc(), "a function-try-block around a suspension point is not "
                                   "supported yet; put a try block inside the body");
    return nullptr;
  }
  F->Name = Lambda ? "lambda" : FD->getNameAsString();
  QualType Declared = FD->getDeclaredReturnType();
  F->Boxed = !Lambda && isBoxed(FD);
  F->DeclaredReturnType = typeName(Declared, Ctx);
  Marker M = markerOf(Declared);
  F->Kind = M == Marker::Generator ? FunctionKind::Generator
            : M == Marker::Stream  ? FunctionKind::Stream
                                   : FunctionKind::Async;
  const TemplateArgument *First = markerArgument(Declared, 0);
  if (!First || First->getKind() != TemplateArgument::Type) {
    Diag.error(FD->getLocation(), "cannot read the type arguments of the return type");
    return nullptr;
  }
  // Not lowered yet: reported here rather than left to fail in the output.
  for (unsigned I = 0; I < 2; ++I)
    if (const TemplateArgument *A = markerArgument(Declared, I))
      if (A->getKind() == TemplateArgument::Type && A->getAsType()->isReferenceType()) {
        Diag.error(FD->getLocation(), "a reference as the output or yield type (" +
                                          typeName(A->getAsType(), Ctx) +
                                          ") is not supported yet; use a pointer or a "
                                          "std::reference_wrapper");
        return nullptr;
      }
  for (const ParmVarDecl *P : FD->parameters())
    if (P->isParameterPack()) {
      Diag.error(P->getLocation(), "a parameter pack in an async function or generator is "
                                   "not supported yet");
      return nullptr;
    }
  if (F->Kind == FunctionKind::Async) {
    F->ReturnsVoid = First->getAsType()->isVoidType();
    F->OutputType = typeName(First->getAsType(), Ctx);
  } else {
    F->YieldType = typeName(First->getAsType(), Ctx);
    const TemplateArgument *Second = markerArgument(Declared, 1);
    bool HasR = F->Kind == FunctionKind::Generator && Second &&
                Second->getKind() == TemplateArgument::Type && !Second->getAsType()->isVoidType();
    F->ReturnsVoid = !HasR;
    F->OutputType = HasR ? typeName(Second->getAsType(), Ctx) : "void";
  }

  unsigned ErrorsBefore = Diag.errors();
  Namer N(Lambda ? Lambda->getSourceRange() : FD->getSourceRange(), Ctx);
  Walker W(*F, Ctx, Classes, Diag, N);
  W.run();
  W.resolveEscapes();
  if (Diag.errors() != ErrorsBefore)
    return nullptr;

  // ---- what each suspension point must keep ------------------------------
  VarSet Tracked;
  for (const Variable &V : F->Vars)
    Tracked.insert(V.Decl);
  auto Live = liveAfter(FD, Ctx, Tracked, W.AwaitCalls);
  std::map<const VarDecl *, unsigned> Refs;
  countRefs(FD->getBody(), Refs);

  for (SuspendPoint &P : F->Points) {
    VarSet LiveHere;
    // An await the CFG left out (`if (false && await(f))`: it pruned the
    // dead operand) keeps everything in scope: its label can still be
    // jumped to, and compilers check what is read after it.
    bool Known = Live && Live->count(P.Call);
    if (Known) {
      LiveHere = (*Live)[P.Call];
      // The rest of the statement runs after the await resumes, and a
      // future awaited in place is polled again on every resume. (The A-normal
      // form does not follow the CFG's order within a statement, hence the
      // whole statement.) Values the awaited temporary was made from were
      // read before it suspended.
      std::map<const VarDecl *, unsigned> After, MadeFrom;
      countRefs(P.FullStmt, After);
      if (P.OperandIsTemporary)
        countValueReads(P.Operand, MadeFrom);
      for (auto &[VD, N] : MadeFrom)
        After[VD] -= std::min(After[VD], N);
      // ... except the target of `x = await(f)`: written, not read.
      Overwrites Writes;
      collectOverwrites(P.FullStmt, Writes);
      std::map<const VarDecl *, unsigned> Written;
      for (const DeclRefExpr *Ref : Writes.Targets)
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          ++Written[VD];
      for (auto &[VD, N] : After)
        if (N > Written[VD])
          LiveHere.insert(VD);
    }
    for (unsigned I : P.InScope) {
      Variable &V = F->Vars[I];
      if (!Known || LiveHere.count(V.Decl) || !V.TrivialDtor || V.AddressEscapes)
        V.SavedAt.insert(P.Index);
    }
  }

  // Parameters used from the first suspending statement on.
  SourceLocation FirstSuspend;
  for (const Stmt *S : F->Suspending)
    if (S != FD->getBody() && !isa<CompoundStmt>(S) &&
        (FirstSuspend.isInvalid() ||
         Ctx.getSourceManager().isBeforeInTranslationUnit(S->getBeginLoc(), FirstSuspend)))
      FirstSuspend = S->getBeginLoc();

  // ---- storage classes ---------------------------------------------------
  // Locals first: a parameter may share storage with the states only if it
  // is never used once any state's own objects may exist (below).
  auto ClassifyParam = [&](Variable &V, SourceLocation FirstSuspend) {
      bool LateUse = false;
      if (FirstSuspend.isValid()) {
        std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
          if (!S || LateUse)
            return;
          if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
            if (Ref->getDecl() == V.Decl &&
                !Ctx.getSourceManager().isBeforeInTranslationUnit(Ref->getLocation(), FirstSuspend))
              LateUse = true;
          for (const Stmt *C : S->children())
            Scan(C);
        };
        Scan(FD->getBody());
      }
      if (V.SavedAt.empty() && !LateUse && V.TrivialDtor && !V.AddressEscapes) {
        V.Where = Storage::PerState;
        V.Member = 0;
      } else {
        V.Where = Storage::Shared;
      }
  };
  for (Variable &V : F->Vars) {
    if (V.IsParam)
      continue;
    if (V.LabelsInExtent.size() == V.InitLabels.size())
      continue; // Natural: no resume jump crosses its declaration
    // `constexpr int K = 4;` (or a const integer with a constant
    // initializer): still a constant for `std::array<int, K>` and for
    // lambdas that read it without capturing it, made `static` so that a
    // jump may pass it. Nothing to keep: it has the same value in every call.
    if (V.Decl->isLocalVarDecl() && !V.Decl->isStaticLocal() && !V.IsReference &&
        V.Decl->isUsableInConstantExpressions(Ctx)) {
      V.MadeStatic = true;
      continue;
    }
    if (!V.SavedAt.empty()) {
      bool OnePoint = V.LabelsInExtent.size() == 1 && V.SavedAt.size() == 1;
      V.Where = OnePoint ? Storage::PerState : Storage::Shared;
      V.Member = OnePoint ? *V.SavedAt.begin() : 0;
      continue;
    }
    // Never saved, but a resume jump crosses it: a declaration without an
    // initializer of a trivial type may stay as written.
    QualType T = V.Decl->getType();
    bool Trivial = !V.IsReference && !T->isDependentType() && T.isTrivialType(Ctx) && V.TrivialDtor;
    const Expr *Init = V.Decl->getInit();
    if (const auto *Ctor = dyn_cast_or_null<CXXConstructExpr>(Init))
      if (Ctor->getConstructor()->isTrivial() && Ctor->getNumArgs() == 0)
        Init = nullptr;
    V.Where = (Trivial && !Init) ? Storage::Natural : Storage::PollStack;
    // `int x = e;` of a trivial type becomes `int x; x = e;`: the same for
    // such a type, and a jump may pass a declaration without initializer.
    bool Scalar = T->isScalarType() && !T.isConstQualified();
    if (V.Where == Storage::PollStack && Scalar && Init &&
        V.Decl->getInitStyle() == VarDecl::CInit && !isa<InitListExpr>(Init->IgnoreImplicit()) &&
        !isa<DecompositionDecl>(V.Decl) && !V.Decl->isImplicit() &&
        !V.Decl->getName().starts_with("__")) {
      V.Where = Storage::Natural;
      V.SplitInit = true;
    }
  }

  for (Variable &V : F->Vars)
    if (W.NamedRanges.count(V.Decl) && !V.isSaved())
      V.Where = Storage::Natural;

  // A state's own objects may be created before its suspending statement
  // (`Tracer t(1); f(p); await(x);`): parameters in the Unresumed struct
  // must be dead by the first of those.
  SourceLocation FirstStateObject = FirstSuspend;
  for (const Variable &V : F->Vars)
    if (!V.IsParam && V.Where == Storage::PerState &&
        (FirstStateObject.isInvalid() ||
         Ctx.getSourceManager().isBeforeInTranslationUnit(V.Decl->getLocation(),
                                                           FirstStateObject)))
      FirstStateObject = V.Decl->getBeginLoc();
  for (Variable &V : F->Vars)
    if (V.IsParam)
      ClassifyParam(V, FirstStateObject);
  // A variable declared early but saved at one point only may still join
  // that state's struct (Interference.h).
  if (Live)
    shareStateStorage(*F, FD, Ctx);

  // Ordinary locals with destructors declared inside a slot that needs
  // destroying become slots too: explicit destruction keeps the order.
  // (Not for a parameter's scope: parameters with destructors live until
  // the future dies, whatever happens in poll.)
  for (Variable &V : F->Vars) {
    if (V.isSlot() || V.TrivialDtor || V.IsParam)
      continue;
    unsigned Index = F->VarIndex[V.Decl];
    for (unsigned Outer : W.Enclosing[Index])
      if (F->Vars[Outer].needsDestroy() && !F->Vars[Outer].IsParam) {
        // The variable of a range-for that does not suspend stays as
        // written: it dies at the end of each iteration, and an exception
        // unwinds it before the slots are destroyed. Only a `return` from
        // its body would destroy them first.
        auto Loop = W.RangeLoops.find(V.Decl);
        if (Loop != W.RangeLoops.end() && !suspends(Loop->second->getBody())) {
          std::vector<const ReturnStmt *> Returns;
          collectReturns(Loop->second->getBody(), Returns);
          if (!Returns.empty()) {
            Diag.error(Returns.front()->getBeginLoc(),
                       "a return from the body of this range-for, whose variable `" +
                           V.Decl->getName().str() + "` has a destructor, inside the scope of `" +
                           F->Vars[Outer].Decl->getName().str() +
                           "` (kept across a suspension), is not supported yet; break out of "
                           "the loop and return after it");
            return nullptr;
          }
          break;
        }
        V.Where = Storage::PollStack;
        break;
      }
  }

  // Such a local of a type that cannot be named at the top of poll is
  // declared where it is: no resume jump crosses it.
  for (Variable &V : F->Vars) {
    QualType T = V.Decl->getType();
    const auto *RD = T->getAsCXXRecordDecl();
    bool Unnamed = (RD && RD->isLambda()) || (T->getContainedAutoType() && T->isDependentType());
    if (V.Where == Storage::PollStack && Unnamed && !V.IsReference && V.Decl->getInit() &&
        W.InBlocks.count(V.Decl) &&
        V.Decl->getInitStyle() == VarDecl::CInit && !isa<DecompositionDecl>(V.Decl) &&
        V.LabelsInExtent.size() == V.InitLabels.size())
      V.DeclaredInPlace = true;
  }

  for (const Variable &V : F->Vars)
    if (V.isSaved() && V.Decl->getType()->getContainedAutoType() &&
        mentionsMarker(V.Decl->getType()) && callsAsyncLambda(V.Decl->getInit(), F->File)) {
      Diag.error(V.Decl->getLocation(),
                 "`" + V.Decl->getName().str() +
                     "` holds the future of an async lambda and is kept across a suspension: "
                     "its type (a class local to the lambda) cannot be named in the generated "
                     "class; declare it `Async<T>` (or box it with stackless::boxed)");
      return nullptr;
    }
  for (const Variable &V : F->Vars)
    if (V.isSlot() && V.IsReference && extendsTemporary(V.Decl->getInit(), V.Decl)) {
      // Kept as a pointer, it would outlive the temporary (the whole
      // temporary is kept only when the reference binds to all of it).
      Diag.error(V.Decl->getLocation(),
                 V.Decl->isImplicit()
                     ? "a range-for over a member of a temporary (`f().items`) that suspends in "
                       "its body is not supported yet; name the object before the loop"
                     : "a reference bound to a member of a temporary, kept across await, is not "
                       "supported yet; name the object first");
      return nullptr;
    }
  for (const Variable &V : F->Vars)
    if (V.isSlot() && !V.Decl->getType()->isReferenceType() && !V.BackingArray &&
        extendsTemporary(V.Decl->getInit(), V.Decl)) {
      // `Holder h{Tr(5), 6};` with a `const Tr &` member: made in a slot by
      // a new-expression, which extends no temporary's lifetime.
      Diag.error(V.Decl->getLocation(),
                 "a temporary bound to a reference member of `" + V.Decl->getName().str() +
                     "` (which extends its life), kept across a suspension, is not supported "
                     "yet; name the temporary in a variable first");
      return nullptr;
    }
  for (const Variable &V : F->Vars)
    if (V.isSlot() && !V.TrivialDtor && !V.IsReference && V.Decl->getType()->isArrayType() &&
        Ctx.getAsArrayType(V.Decl->getType())->getElementType()->isArrayType()) {
      // (g++ 12 cannot initialize one in place: `new T[2][2]{{...}, {...}}`.)
      Diag.error(V.Decl->getLocation(), "a multidimensional array of objects with destructors "
                                        "kept across a suspension is not supported yet");
      return nullptr;
    }
  for (Variable &V : F->Vars)
    if (V.isSlot() && !V.DeclaredInPlace) {
      QualType T = V.Decl->getType().getNonReferenceType();
      if (const auto *RD = T->getAsCXXRecordDecl())
        if (RD->isLambda()) {
          std::string WhyNot;
          if (!V.IsReference && makeLambdaFactory(*F, V, Ctx, WhyNot))
            continue;
          Diag.error(V.Decl->getLocation(),
                     "a lambda kept across await is not supported yet here (its type cannot be "
                     "named, and it cannot be made before the class: " +
                         (V.IsReference ? std::string("it is a reference") : WhyNot) + ")");
          return nullptr;
        }
      // `auto f = poll_fn([&](Context &cx) {...});`: a class holding a
      // lambda is as unnamable as the lambda; the lambda is made by a
      // function, and the type spelled from the initializer.
      if ((mentionsLambda(T) || V.HoldsLambda) && !T->isDependentType()) {
        const Expr *Init = V.Decl->getInit();
        std::string WhyNot = V.IsReference                            ? "it is a reference"
                             : !Init || V.Decl->getInitStyle() != VarDecl::CInit ||
                                     !V.Decl->getType()->getContainedAutoType()
                                 ? "it is not `auto x = ...;`"
                                 : "";
        if (WhyNot.empty() && makeHeldLambdaFactories(*F, Init, Ctx, WhyNot)) {
          V.ValueType = V.SlotType = "std::decay_t<decltype(" + declvalText(Init, *F, Ctx) + ")>";
          continue;
        }
        Diag.error(V.Decl->getLocation(),
                   "a variable whose type holds a lambda (" + typeName(T, Ctx) +
                       "), kept across await, is not supported here (" + WhyNot +
                       "); make it from a named function object or a std::function");
        return nullptr;
      }
      // A type declared in the body cannot be named by the generated class
      // (a local alias of another type can: the output spells that type).
      if (localTagIn(T)) {
        std::string WhyNot;
        if (hoistLocalTypes(T, *F, WhyNot))
          continue;
        Diag.error(V.Decl->getLocation(), "a variable of a type declared inside the function, "
                                          "kept across await, is not supported yet (" +
                                              WhyNot + "); declare the type outside the function");
        return nullptr;
      }
      if (T->getContainedAutoType() && T->isDependentType() && !V.TypeFromInit) {
        std::string WhyNot = V.IsReference ? "it is a reference" : "";
        if (namedLambda(V) && !V.IsReference && makeLambdaFactory(*F, V, Ctx, WhyNot))
          continue;
        Diag.error(V.Decl->getLocation(),
                   V.Decl->isImplicit()
                       ? "a range-for over a range of dependent type that suspends in its body "
                         "is not supported yet in a template; loop over indices, or move the "
                         "loop into a non-template function"
                   : namedLambda(V)
                       ? "a lambda kept across await is not supported yet here (its type "
                         "cannot be named, and it cannot be made before the class: " +
                             WhyNot + ")"
                   : isa<DecompositionDecl>(V.Decl)
                       ? "a structured binding of a type that depends on a template parameter, "
                         "kept across a suspension, is not supported yet; bind a named object "
                         "and use its members"
                       : "an `auto` variable of dependent type kept across await is not "
                         "supported yet; spell its type");
        return nullptr;
      }
    }

  // ---- exits: what each return/break/continue destroys ------------------
  for (const Walker::Exit &E : W.Exits) {
    std::vector<const Variable *> Destroy;
    for (auto It = E.Leaving.rbegin(); It != E.Leaving.rend(); ++It)
      if (F->Vars[*It].needsDestroy() && !F->Vars[*It].IsParam)
        Destroy.push_back(&F->Vars[*It]);
    F->ExitDestroys[E.S] = std::move(Destroy);
  }
  for (auto &[Owner, Declared] : W.Ends) {
    std::vector<const Variable *> Destroy;
    for (auto It = Declared.rbegin(); It != Declared.rend(); ++It)
      if (F->Vars[*It].needsDestroy() && !F->Vars[*It].IsParam)
        Destroy.push_back(&F->Vars[*It]);
    if (!Destroy.empty())
      F->EndDestroys[Owner] = std::move(Destroy);
  }

  // ---- names -------------------------------------------------------------
  std::map<std::string, unsigned> Implicit;
  for (Variable &V : F->Vars) {
    if (!V.isSlot() && !V.IsParam && isGeneratedMemberName(V.Decl->getName())) {
      V.Name = N.fresh(V.Decl->getName().str() + "_");
      V.RenamedInPlace = true;
      continue;
    }
    std::string Base = V.Decl->getName().str();
    const bool Hidden = Base.empty() || Base.rfind("__", 0) == 0;
    // A range-for's hidden range that awaits is declared by the lowering
    // even when it is an ordinary local: it needs a name then too.
    if (!V.isSlot() && !(Hidden && !V.InitLabels.empty()))
      continue;
    if (Hidden) {
      // Clang's implicit range-for variables: __range1, __begin1, __end1.
      std::string Raw = Base;
      Base = isa<DecompositionDecl>(V.Decl)                 ? "bindings" // `auto [a, b] = ...`
             : Raw.find("begin") != std::string::npos ? "iter"
             : Raw.find("end") != std::string::npos   ? "end"
                                                      : "range";
      V.Name = N.fresh(Base + std::to_string(Implicit[Base]++)); // the talk's iter0
      continue;
    }
    // Its uses, plus its declaration (a capture is declared outside).
    unsigned Expected = Refs[V.Decl] + (V.IsCapture ? (V.ExplicitCapture ? 1 : 0) : 1);
    V.Name = isGeneratedMemberName(Base) ? N.fresh(Base + "_") : N.keep(Base, Expected);
  }
  for (Variable &V : F->Vars)
    if (V.Where == Storage::Shared || V.Where == Storage::PollStack)
      V.MemberName = N.fresh(V.Name + "_");
  shareScopeStorage(*F, FD, Ctx, [&](const std::string &Base) { return N.fresh(Base); });
  F->ContextParam = N.fresh("cx");
  F->StateMember = N.fresh("state_");
  F->SelfMember = N.fresh("self");
  F->StatesMember = N.fresh("states_");
  F->LiveMember = N.fresh("live");
  F->ResumingFlag = N.fresh("resuming");
  F->ResumeAt = N.fresh("resume_at");
  F->ResultLocal = N.fresh("result");
  for (const SuspendPoint &P : F->Points)
    F->ResumesIntoTry |= !P.Tries.empty();
  std::map<std::string, unsigned> Seen;
  for (SuspendPoint &P : F->Points) {
    std::string What = P.IsYield ? "yield" : identifierFor(P.Operand);
    P.StateName = N.fresh("Suspend" + std::to_string(P.Index - 1) + "_" + What + "_L" +
                          std::to_string(P.Line));
    if (P.OperandIsTemporary)
      P.FutureMember = N.tokenCount("awaited") ? N.fresh("awaited") : "awaited";
  }

  collectCallees(FD->getBody(), F->Callees, /*InBoxed=*/true);
  // Those whose futures the state holds: awaited, or in a variable kept
  // across a suspension point. (`sp.spawn(f(sp, d - 1))` inside f hands its
  // future over at once: not recursion of f's type.)
  // Only where the type holds them: `auto h = sp.spawn(f(...));` keeps a
  // JoinHandle, not f's future.
  for (const SuspendPoint &P : F->Points) {
    if (!P.IsYield && P.Operand && mentionsMarker(P.Operand->getType()))
      collectCallees(P.Operand, F->StoredCallees);
    // In a template, `await(r<T>(n - 1))`: the future of the call awaited
    // (not what its arguments hand over, which the type does not say).
    if (!P.IsYield && P.Operand && P.Operand->isTypeDependent())
      if (const auto *Call = dyn_cast<CallExpr>(P.Operand->IgnoreParenImpCasts()))
        if (const FunctionDecl *Callee = futureCallee(Call))
          F->StoredCallees.push_back(Callee);
  }
  // (A variable whose type is spelled, `Async<int> sub = fact(n - 1);`,
  // holds the type-erased future, boxed: only `auto` holds the class.)
  for (const Variable &V : F->Vars)
    if ((V.Where == Storage::Shared || V.Where == Storage::PerState) && V.Decl->getInit() &&
        mentionsMarker(V.Decl->getType()) && V.Decl->getType()->getContainedAutoType())
      collectCallees(V.Decl->getInit(), F->StoredCallees);
  return F;
}

} // namespace stackless
