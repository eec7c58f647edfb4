//===- Model.h - the text-free model of one lowered async function --------===//
//
// Every pass of the pipeline fills in part of this model:
//
//   Discovery  finds the async function and its suspension points
//   Analysis   decides, per local, whether it must live in a Slot and which
//              suspension points it is saved across (scopes + CFG liveness)
//   Layout     places saved objects: shared slots (saved across several
//              points, fixed address) or one struct per state in a union
//   Lowering   rewrites the body text into the body of poll()
//   Emitter    prints the class: enum of states, structs, union, poll, dtor
//
// Glossary
//   suspension point  an await(...) call: where poll may return Pending
//   state             Unresumed, one Suspend<k> per suspension point,
//                     Returned, Poisoned (the talk's generator states)
//   slot              raw storage (stackless::Slot<T>) for an object whose
//                     lifetime the lowered code manages by hand, because a
//                     resume jump crosses its declaration
//   saved object      a slot in the frame (the future object itself); all
//                     other slots live on poll's stack
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace stackless {

/// The variable a name refers to; a structured binding (`auto [a, b] = e;`)
/// refers to the hidden variable holding e.
inline const clang::VarDecl *referencedVar(const clang::DeclRefExpr *Ref) {
  if (const auto *Binding = llvm::dyn_cast<clang::BindingDecl>(Ref->getDecl()))
    return llvm::dyn_cast_or_null<clang::VarDecl>(Binding->getDecomposedDecl());
  return llvm::dyn_cast<clang::VarDecl>(Ref->getDecl());
}

/// Where in a type's spelling a declarator's name goes, or npos when it
/// goes after the type: `R (*)(A)` and `T (&)[N]` take it after the `*`
/// or `&` (also `R (*[N])(A)`, an array of them: before the `[`), an array
/// `T[N]` before its brackets, a function type `R (A)` before its
/// parameters. Not inside template arguments (`std::vector<void (*)(int)>`).
inline size_t declaratorHole(const std::string &Type) {
  int Angle = 0, Paren = 0;
  for (size_t I = 0; I < Type.size(); ++I) {
    char C = Type[I];
    if (C == '<')
      ++Angle;
    else if (C == '>')
      --Angle;
    if (Angle != 0)
      continue;
    if (C == '(' && Paren == 0) {
      // `(*`, `(&`, `(C::*`: the name goes after the last `*` or `&` of the group.
      size_t Close = Type.find(')', I);
      size_t Open = Type.find_first_of("[", I);
      size_t End = std::min(Close, Open);
      size_t Star = Type.find_last_of("*&", End);
      if (Star != std::string::npos && Star > I && End != std::string::npos &&
          Type.find_first_not_of("*&:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789",
                                 I + 1) >= Star)
        return Star + 1;
      // `R (A)`: a function type, whose parameters begin here.
      if (I > 0 && Type[I - 1] == ' ')
        return I - 1;
    }
    if (C == '(')
      ++Paren;
    else if (C == ')')
      --Paren;
    else if (C == '[' && Paren == 0)
      return I; // `T[N]`
  }
  return std::string::npos;
}

/// `T name`, or `T *name` / `T &name` when Clang printed the type as `T *`
/// (the LLVM style binds `*` and `&` to the name); a pointer to a function
/// or an array, printed `R (*)(A)`, declares `R (*name)(A)`, an array
/// `T[N]` declares `T name[N]` (a reference to it, `T (&name)[N]`).
inline std::string declarator(const std::string &Type, const std::string &Name) {
  size_t Hole = declaratorHole(Type);
  if (Hole != std::string::npos) {
    bool PointerName = !Name.empty() && (Name[0] == '*' || Name[0] == '&');
    bool AfterStar = Hole > 0 && (Type[Hole - 1] == '*' || Type[Hole - 1] == '&');
    if (PointerName && !AfterStar) // `int[3]` + `&` -> `int (&)[3]`
      return llvm::StringRef(Type.substr(0, Hole)).rtrim().str() + " (" + Name + ")" +
             Type.substr(Hole + (Type[Hole] == ' ' ? 1 : 0));
    if (AfterStar)
      return Type.substr(0, Hole) + Name + Type.substr(Hole);
    return llvm::StringRef(Type.substr(0, Hole)).rtrim().str() + " " + Name +
           Type.substr(Hole + (Type[Hole] == ' ' ? 1 : 0));
  }
  if (!Type.empty() && (Type.back() == '*' || Type.back() == '&'))
    return Type + Name;
  return Type + " " + Name;
}

/// A type as a new-expression names it: `int (*)(int)` needs parentheses
/// there (`::new (p) (int (*)(int))(&f)`), as any type whose declarator
/// would surround the name; an array's does not (`::new (p) int[2]{1, 2}`).
inline std::string newExpressionType(const std::string &Type) {
  size_t Hole = declaratorHole(Type);
  bool PlainArray = Hole != std::string::npos && Type[Hole] == '[' &&
                    Type[Hole - 1] != '*' && Type[Hole - 1] != '&';
  return Hole == std::string::npos || PlainArray ? Type : "(" + Type + ")";
}
/// `std::addressof(a, b)` would be a call of two arguments: an operand
/// with a comma (an overloaded operator,) is parenthesized.
inline std::string oneArgument(const std::string &Text) {
  return Text.find(',') == std::string::npos ? Text : "(" + Text + ")";
}

/// Names the generated class declares for itself (its types, and poll and
/// the like), which would hide the user's own of the same name inside it.
inline constexpr const char *GeneratedMemberNames[] = {
    "Output", "Yield", "Return", "Item", "State", "States", "Live", "poll", "resume", "poll_next"};
inline bool isGeneratedMemberName(llvm::StringRef Name) {
  for (const char *Own : GeneratedMemberNames)
    if (Name == Own)
      return true;
  return false;
}

/// `ns::inner::` for the namespaces around DC (and DC itself), outermost
/// first; an anonymous or inline one is not written (its names are found
/// without it).
/// `T &` and `T *` of a type spelled as text, also for an array or
/// function type (`T[N] &` would not parse).
inline std::string lvalueReferenceTo(const std::string &T) {
  return T.find_first_of("[(") == std::string::npos ? T + " &"
                                                    : "std::add_lvalue_reference_t<" + T + ">";
}
inline std::string pointerTo(const std::string &T) {
  return T.find_first_of("[(") == std::string::npos ? T + " *" : "std::add_pointer_t<" + T + ">";
}

inline std::string namespaceQualifier(const clang::DeclContext *DC) {
  std::string Out;
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent())
    if (const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(DC);
        NS && !NS->isAnonymousNamespace() && !NS->isInline())
      Out = NS->getName().str() + "::" + Out;
  return Out;
}

/// Where an object managed by hand lives.
enum class Storage {
  Natural,   ///< left as the user wrote it: no resume jump crosses it
  PollStack, ///< a Slot local to poll(): a resume jump crosses it, but it
             ///< never needs to survive a suspension point
  Shared,    ///< a frame slot saved across several points: one fixed address
  PerState,  ///< a frame slot saved across exactly one point: in that
             ///< state's struct, sharing storage with the other states
};

/// A lambda made by a function written before the generated class, so that
/// the class can name the lambda's type (LambdaFactory.h): a named lambda
/// kept across an await, or one written in an awaited future's expression
/// (`await(poll_fn([&](Context &cx) {...}))`).
struct LambdaFactory {
  const clang::LambdaExpr *Lambda = nullptr;
  std::string Text; ///< the function and its type alias (before the class)
  std::string Name; ///< what poll calls (`tally_add_lambda`, `twice_dbl_lambda<T>`)
  std::string Type; ///< the alias of the lambda's type (`tally_add_lambda_type`)
  /// In a member function, the factory is a member of its class: its
  /// declaration there (`auto run_add_lambda(int &n);`).
  std::string InClass;
  /// What the factory is called with, in order: the captured variables.
  std::vector<const clang::VarDecl *> Args;
  std::vector<std::string> ParamTypes; ///< the factory's, in the same order
  bool made() const { return !Name.empty(); }
};

/// A parameter or local variable of the async function.
struct Variable {
  const clang::VarDecl *Decl = nullptr;
  bool IsParam = false; ///< a parameter, or a lambda's capture
  bool IsCapture = false;
  bool ExplicitCapture = false; ///< named in the capture list
  bool IsReference = false;     ///< the slot holds a pointer; uses become (*p)
  bool TrivialDtor = true;      ///< no destruction code needed
  bool AddressEscapes = false;
  std::set<unsigned> LabelsInExtent;     ///< suspension points inside its extent
  std::set<unsigned> InitLabels;         ///< ... of which in its own initializer
  std::set<unsigned> SavedAt;            ///< suspension points it must survive
  bool OutputTypeChanged = false;        ///< `auto f = child();`: child's class
  /// `auto f = call_twice(sq);`: its type holds a lambda's, and no factory
  /// could be made for it (rejected if it is kept).
  bool HoldsLambda = false;
  /// `auto it = c.begin();` in a template: its type named by its initializer
  /// (`std::decay_t<decltype(...)>`).
  bool TypeFromInit = false;
  /// A range-for's hidden range over a braced list: the slot holds the
  /// elements (a std::array), not the std::initializer_list.
  bool BackingArray = false;
  bool SplitInit = false; ///< natural, but declared first and assigned after
  bool MadeStatic = false; ///< a local constant a jump passes: `static constexpr`
  /// PollStack, but of a type no declaration at the top of poll can name (a
  /// lambda, `auto` of dependent type): declared where the user declared it,
  /// `auto x_ = stackless::detail::make_local([&] { return e; });`; its own
  /// destructor ends it if an exception leaves its scope.
  bool DeclaredInPlace = false;
  /// A named lambda kept across an await: the function that makes it.
  LambdaFactory Factory;
  Storage Where = Storage::Natural;
  unsigned Member = 0;    ///< PerState: which state (0 = Unresumed)
  std::string Name;       ///< unique name inside poll()
  /// A local left as written but renamed, as its name would hide one of the
  /// generated class's (`int Output = 6;`).
  bool RenamedInPlace = false;
  std::string MemberName; ///< Shared/PollStack: the slot's own name (or its path)
  bool InScopeUnion = false; ///< Shared, in F.ScopeUnions (ScopeSharing.h)
  unsigned Align = 0;     ///< alignment in bytes, 0 when unknown (templates)
  std::string SlotType;   ///< T, or T* for references
  std::string ValueType;  ///< T as declared (for references: the referee)
  /// A lambda's capture whose type only the variable can name (dependent,
  /// or `auto` holding a lowered future): `using TypeAlias =
  /// std::remove_reference_t<decltype(name)>;` before the class.
  std::string TypeAlias;

  bool isSlot() const { return Where != Storage::Natural; }
  bool isSaved() const { return Where == Storage::Shared || Where == Storage::PerState; }
  bool needsDestroy() const { return isSlot() && !TrivialDtor; }
};

/// A temporary that lowering an expression needs: an operand evaluated
/// before a later await (kept, as C++ keeps temporaries to the end of the
/// full-expression), an await's result, the value of a `&&` or `?:` whose
/// operand awaits. It lives on poll's stack, or in the frame when a
/// suspension point happens while it is alive.
struct Temporary {
  std::string Name;
  std::string Type;
  bool NeedsDestroy = false;
  std::set<unsigned> AliveAt; ///< suspension points it must survive
  unsigned Line = 0;
  std::string What; ///< for the comment: what it holds
  /// Declared right where its await resumes (not at the top of poll).
  bool DeclaredAtResume = false;
  /// Made on a side of `?:`, `&&` or `||` that may not run: the name of
  /// the Temporary (a bool) that says whether it was made.
  std::string MadeFlag;
  /// Its type in the input, when known (null for a lowered future, or in a
  /// template): Placement checks it is complete where a class goes early.
  clang::QualType Of;
};

/// One await(...): a place where poll may return Pending.
struct SuspendPoint {
  unsigned Index = 0;   ///< 1-based: state 0 is Unresumed
  bool IsYield = false; ///< yield(v) rather than await(f)
  /// The try blocks around it, outermost first: resuming enters each.
  std::vector<const clang::CXXTryStmt *> Tries;
  const clang::CallExpr *Call = nullptr; ///< the await(...) call
  const clang::Expr *Operand = nullptr;  ///< the awaited future
  const clang::Stmt *FullStmt = nullptr; ///< statement that holds it
  bool OperandIsTemporary = false;       ///< prvalue: stored in the state struct
  std::string FutureType;                ///< type of the awaited future
  std::string ResultType;                ///< its Output ("void" when none)
  bool ResultUsed = false;
  bool ResultTrivial = false; ///< no destructor: nothing to track
  /// The awaited future (a temporary) has a trivial destructor and is not
  /// a lowered future: nothing to track.
  bool FutureTrivial = false;
  /// The lowered function whose future it awaits (canonical declaration of
  /// the pattern), if the operand is a direct call to one.
  const clang::FunctionDecl *LoweredCallee = nullptr;
  std::string StateName; ///< e.g. Suspend0_YieldOnce_L13
  unsigned Line = 0;
  std::string SourceText;        ///< the await as written, for comments
  std::vector<unsigned> InScope; ///< indices into Vars, declaration order
  std::string FutureMember;      ///< the awaited temporary's slot, if any
  /// The awaited temporary lives in this state's struct; false when later
  /// awaits of the same statement follow (it is then a Temporary).
  bool FutureInState = true;
};

/// What a lowered function returns: a future (Async<T>), a generator
/// (Generator<Y, R>) or an async generator (Stream<T>).
enum class FunctionKind { Async, Generator, Stream };

/// Sides of a `c ? f() : g()` between lowered futures, generators or
/// streams. In the output f() and g() return different generated classes;
/// each such side is boxed (`c ? stackless::boxed(f()) : stackless::boxed(g())`:
/// Async<T>, Generator<Y, R> or Stream<T>, one allocation), one type again.
using BoxedSides = std::set<const clang::Expr *>;

/// An async lambda written in the body of another async function (or
/// lambda): its class is emitted just before that function's class instead
/// of inside the lambda, so the enclosing state can name (and keep) the
/// lambda's future: `await([k]() -> Async<int> { ... }())` stores a
/// `lambda_L8_future` in place, as Rust stores an async block's future.
struct HoistedLambda {
  std::string ClassName; ///< `lambda_L8_future`
  /// The lambda's body in the output: `{ return lambda_L8_future(k); }`.
  std::string Body;
  /// The async body it is written in (a lambda's call operator, or a function).
  const clang::FunctionDecl *Enclosing = nullptr;
};

/// What the whole file decides about ordinary code that every lowered
/// body must agree with (Boxing.h).
struct FileDecisions {
  BoxedSides Boxed;
  std::vector<const clang::ConditionalOperator *> BoxedChoices; ///< holding those sides
  /// `auto g = nums(5);` bound to a `Generator<int> &` somewhere (`sum(g)`):
  /// declared with the type the input deduced (the type-erased owner,
  /// one allocation) instead of the lowered class.
  std::set<const clang::VarDecl *> KeepDeclaredType;
  /// Async lambdas written in an async body whose classes go before that
  /// body's class (HoistedLambda), by call operator.
  std::map<const clang::CXXMethodDecl *, HoistedLambda> HoistedLambdas;
};

/// A replacement made in ordinary code, or in a lowered body before it is
/// lowered: the lowering then reads and moves the new text like any other.
struct SourceEdit {
  clang::CharSourceRange Range;
  std::string Text;
};

/// Shared slots of scopes that are never entered together (ScopeSharing.h):
/// a union of one struct per scope; a struct may hold unions of its own
/// inner scopes.
struct ScopeUnion;
struct ScopeStruct {
  std::string TypeName, MemberName; ///< `Block_L3`, `block_L3`
  std::vector<unsigned> Vars;       ///< indices into AsyncFunction::Vars
  std::vector<ScopeUnion> Unions;
};
struct ScopeUnion {
  std::string TypeName, MemberName; ///< `Scopes_L2`, `scopes_L2_` (or `scopes_L2`)
  std::vector<ScopeStruct> Alternatives;
};

/// One async function (or generator, or stream) being lowered.
struct AsyncFunction {
  FunctionKind Kind = FunctionKind::Async;
  std::string YieldType; ///< Y of Generator<Y, R>, T of Stream<T>
  const clang::FunctionDecl *Decl = nullptr;
  const clang::FunctionTemplateDecl *Template = nullptr;
  const clang::CXXMethodDecl *Method = nullptr; ///< non-static member
  const clang::LambdaExpr *Lambda = nullptr;    ///< an async lambda
  std::string SelfType;  ///< `Counter*` when the body uses `this`, else empty
  std::string Name;      ///< the user's function name
  std::string ClassName; ///< the generated future type
  /// Keeps Async<T> (SPEC 2.11): virtual, or declared in a file we do not
  /// rewrite. Its factory boxes the generated future (one allocation).
  bool Boxed = false;
  std::string DeclaredReturnType; ///< as the input declares it
  std::string TemplateHead;       ///< `template <class T>` or empty
  std::string TemplateArgs;       ///< `<T>` or empty
  /// For a member of a class template or of a nested class, the generated
  /// class is a member class of the function's class (hasMemberFutureClass):
  /// `Q<T>::`, and the heads of the class templates around it
  /// (`template <class T>\n`). Empty otherwise.
  std::string MemberOf, MemberOfHead;
  /// `ns::` when the function is defined outside the namespace that declares
  /// it (`Async<int> ns::Outer::f() {...}` at global scope): its class,
  /// declared in that namespace, is defined there by its qualified name.
  std::string ClassQualifier;
  /// Types declared in the body whose objects are kept across suspension
  /// points: their definitions move into the generated class (where the
  /// state can name them, and poll's body finds them by the same names).
  std::vector<const clang::TagDecl *> HoistedTypes;
  /// The classes of async lambdas written in this body (HoistedLambda),
  /// emitted before this class.
  std::string HoistedLambdaClasses;
  std::vector<std::string> HoistedLambdaNames; ///< their names (friends of a member's class)
  /// Lambdas whose types the state holds inside another type (written in
  /// an awaited future's expression, or in a kept variable's initializer):
  /// each is made by a function (LambdaFactory.h).
  std::vector<LambdaFactory> HeldLambdas;
  std::string OutputType;         ///< T of Async<T>, R of Generator<Y, R>
  bool ReturnsVoid = false;
  std::vector<SuspendPoint> Points;
  std::vector<Variable> Vars;                       ///< params first, then locals in order
  std::vector<const clang::FunctionDecl *> Callees; ///< same-file async calls
  /// Of those, the ones whose futures the state holds (awaited, or in a
  /// kept variable): a cycle through them would make the class infinite.
  std::vector<const clang::FunctionDecl *> StoredCallees;
  /// Shared slots grouped by scope (ScopeSharing.h): members of the class.
  std::vector<ScopeUnion> ScopeUnions;
  std::vector<Temporary> Temps;                     ///< filled by Lowering
  /// Objects with destructors whose liveness poll tracks (in `live`), so
  /// that an exception destroys exactly those alive: creation order.
  struct Tracked {
    std::string LiveName; ///< its flag in the Live struct
    std::string Path;     ///< its slot
  };
  std::vector<Tracked> TrackedObjects; ///< filled by Lowering
  std::string LiveMember;              ///< the poll-local Live struct's name
  std::string ResumingFlag;            ///< poll-local: jumping to a resume point
  std::string ResumeAt;                ///< poll-local: the state poll resumes from
  std::string ResultLocal;             ///< poll-local: a return's value, made before cleanups
  bool ResumesIntoTry = false;
  /// Known after lowering: no state holds anything with a destructor, so
  /// the class has none (a caller need not track its future).
  bool TriviallyDestructible = false;
  /// The label just before each try block that holds a suspension point.
  std::map<const clang::CXXTryStmt *, std::string> TryEntry;

  /// What the file decided (Boxing.h), for spelling types; the edits of
  /// it that this body holds, made before it is lowered.
  const FileDecisions *File = nullptr;
  std::vector<SourceEdit> EditsFirst; ///< made before the body is lowered

  // Side tables for Lowering, filled by Analysis.
  std::map<const clang::VarDecl *, unsigned> VarIndex;
  /// return/break/continue -> slots it must destroy first, innermost first.
  std::map<const clang::Stmt *, std::vector<const Variable *>> ExitDestroys;
  /// A range-for over a range whose type depends on a template parameter,
  /// which suspends in its body: Clang builds its hidden begin and end
  /// iterators only when it instantiates the template, so Analysis makes
  /// their declarations (typed by stackless::detail::range_begin/range_end).
  std::map<const clang::CXXForRangeStmt *, std::pair<const clang::VarDecl *, const clang::VarDecl *>>
      MadeIterators;
  /// compound statement or loop -> slots destroyed where it ends normally.
  std::map<const clang::Stmt *, std::vector<const Variable *>> EndDestroys;
  /// statements whose subtree holds a suspension point.
  std::set<const clang::Stmt *> Suspending;
  /// The class's own member names, chosen not to collide with the body.
  std::string StateMember, SelfMember, StatesMember, ContextParam;

  /// What the user's function returns in the output.
  std::string factoryType() const {
    return Boxed ? DeclaredReturnType : ClassQualifier + ClassName + TemplateArgs;
  }
  /// How it makes its future from the arguments.
  std::string factoryValue(const std::string &Args) const {
    std::string Make = ClassQualifier + ClassName + TemplateArgs + "(" + Args + ")";
    return Boxed ? "stackless::boxed(" + Make + ")" : Make;
  }

  // ---- the protocol of the lowered class, as text ----
  bool isGenerator() const { return Kind == FunctionKind::Generator; }
  bool isStream() const { return Kind == FunctionKind::Stream; }
  /// What poll()/resume()/poll_next() returns.
  std::string stepType() const {
    switch (Kind) {
    case FunctionKind::Async:
      return "stackless::Poll<Output>";
    case FunctionKind::Generator:
      return "stackless::GeneratorState<Yield, Return>";
    case FunctionKind::Stream:
      return "stackless::Poll<std::optional<Item>>";
    }
    return "";
  }
  std::string stepName() const {
    return isGenerator() ? "resume" : isStream() ? "poll_next" : "poll";
  }
  /// The value of a completed body (V empty for void).
  std::string complete(const std::string &V) const {
    if (isStream())
      return stepType() + "::ready(std::nullopt)";
    if (isGenerator())
      return stepType() + "::make_complete(" + V + ")";
    return stepType() + "::ready(" + V + ")";
  }
  std::string yielded(const std::string &V) const {
    if (isStream())
      return stepType() + "::ready(std::optional<Item>(" + V + "))";
    return stepType() + "::make_yielded(" + V + ")";
  }
  std::string pending() const { return stepType() + "::pending()"; }

  /// Every lambda factory of the function, each once: its kept named
  /// lambdas' and the held ones' (a named lambda that is both has one).
  std::vector<const LambdaFactory *> lambdaFactories() const {
    std::vector<const LambdaFactory *> Out;
    for (const Variable &V : Vars)
      if (V.Factory.made() && !heldLambda(V.Factory.Lambda))
        Out.push_back(&V.Factory);
    for (const LambdaFactory &Made : HeldLambdas)
      Out.push_back(&Made);
    return Out;
  }

  /// The factory of a lambda the state holds inside another type.
  const LambdaFactory *heldLambda(const clang::LambdaExpr *L) const {
    for (const LambdaFactory &Made : HeldLambdas)
      if (Made.Lambda == L)
        return &Made;
    return nullptr;
  }

  const Variable *var(const clang::VarDecl *D) const {
    auto It = VarIndex.find(D);
    return It == VarIndex.end() ? nullptr : &Vars[It->second];
  }
};

} // namespace stackless
