#!/usr/bin/env bash
# bench/corpus/experiments/inline_variants.sh — what in the lowered code keeps
# the compilers from inlining poll() (docs/performance.md, "Why", section 2).
#
# Takes the lowered corpus that scripts/bench wrote, applies by text the
# changes proposed for the lowering and the runtime one at a time, and
# counts the instructions per operation of each variant, built with g++ and
# clang++-19 (valgrind; deterministic on a busy machine):
#   V0  as emitted
#   V1  + `inline` on the runtime helpers the generated code calls
#         (detail::poll_into, detail::take, detail::poll_ready), in a copy of
#         runtime/include
#   V2  V1 + one checked-error call per poll (Returned and Poisoned share a
#         case) instead of two
#   V3  V2 + no try/catch(...) around the body (as when the state is set to
#         Poisoned on entry, Rust's way, for bodies whose live objects are
#         trivially destructible)
#   V4  V1 + no try/catch, two checked-error calls
#   V5  V3 + each await's result Slot declared where the await resumes
#         (right after its resume label, without the `{}` initializer)
#         instead of at the top of poll()
# The hand-written floor (built by scripts/bench) is printed beside them.
# Once the lowering emits one of these shapes itself, its rewrite here
# simply finds nothing to change.
# Usage: bench/corpus/experiments/inline_variants.sh   (after scripts/bench)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
src=$build/stackless_corpus.cpp
[[ -f $src ]] || { echo "run scripts/bench first (no $src)" >&2; exit 1; }
work=$build/experiments
rm -rf "$work" && mkdir -p "$work"
cp -r "$root/runtime/include" "$work/rt-inline"
sed -i -E 's/^(bool poll_into\(|T take\(Slot<T>& slot|bool poll_ready\()/inline \1/' "$work/rt-inline/stackless/lowered.hpp"
grep -c '^inline bool poll_into\|^inline T take\|^inline bool poll_ready' "$work/rt-inline/stackless/lowered.hpp" >/dev/null

python3 - "$src" "$work" <<'PY'
import re, sys
src, work = sys.argv[1], sys.argv[2]
s = open(src).read()
merged = re.sub(r'case State::Returned:\n(\s*)stackless::detail::polled_after_completion\(("[^"]*")\);\n\s*case State::Poisoned:\n\s*stackless::detail::polled_after_exception\("[^"]*"\);',
                r'case State::Returned:\n\1case State::Poisoned:\n\1stackless::detail::polled_after_completion(\2);', s)
nocatch = lambda t: t.replace('#if STACKLESS_HAS_EXCEPTIONS', '#if 0')
def scoped(t):
    # Moves each `stackless::Slot<T> resultN_{};` from the top of poll() to
    # just before the `if (!...poll_into(..., resultN_))` that fills it (right
    # after the await's resume label), without the initializer.
    decl = re.compile(r'\n[ \t]*stackless::Slot<(.*)> (result\d+_)\{\};[^\n]*')
    while True:
        m = decl.search(t)
        if not m:
            return t
        typ, name = m.group(1), m.group(2)
        t = t[:m.start()] + t[m.end():]
        use = re.compile(r'\n([ \t]*)if \(!stackless::detail::poll_into\([^\n]*, cx, ' + name + r'\)\)')
        u = use.search(t, m.start())
        t = t[:u.start()] + '\n%sstackless::Slot<%s> %s;' % (u.group(1), typ, name) + t[u.start():]
open(work + '/v0.cpp', 'w').write(s)
open(work + '/v1.cpp', 'w').write(s)
open(work + '/v2.cpp', 'w').write(merged)
open(work + '/v3.cpp', 'w').write(nocatch(merged))
open(work + '/v4.cpp', 'w').write(nocatch(s))
open(work + '/v5.cpp', 'w').write(scoped(nocatch(merged)))
PY

# Instructions per operation, counted by valgrind (deterministic, unlike
# timings on a shared machine): bench/corpus/instructions.py.
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
per_op() {  # program -> one line of instructions per op
  python3 "$root/bench/corpus/instructions.py" "$1" | awk '
    { v[$2] = $3 }
    END { printf "%12s %12s %12s %12s %12s %12s", v["T1.opaque"], v["T1.inline"], v["T3.opaque"], v["T3.inline"], v["G1.yield"], (v["G1.iter"] == "" ? "" : v["G1.iter"]) }'
}
echo "instructions per operation (T1: per completion, T3: per await, G1: per yield)"
printf '%-5s %-11s %12s %12s %12s %12s %12s %12s\n' var compiler T1.opaque T1.inline T3.opaque T3.inline G1.yield G1.iter
for cc in g++ clang++-19; do
  for v in 0 1 2 3 4 5; do
    inc="$root/runtime/include"; [[ $v != 0 ]] && inc="$work/rt-inline"
    $cc -std=c++17 -O2 -I"$inc" -iquote "$root/bench/corpus/stackless" "$work/v$v.cpp" -o "$work/v$v-$cc" -pthread
    printf '%-5s %-11s %s\n' "V$v" "$cc" "$(per_op "$work/v$v-$cc")"
  done
  hand=gcc; [[ $cc == clang* ]] && hand=clang
  printf '%-5s %-11s %s\n' hand "$cc" "$(per_op "$build/bin/hand-$hand")"
done
