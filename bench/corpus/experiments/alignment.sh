#!/usr/bin/env bash
# bench/corpus/experiments/alignment.sh — is the T1/T3 gap the lowering or
# where the code happens to sit? (docs/performance.md, "Code placement")
#
# Builds the lowered corpus (written by scripts/bench) and the hand-written
# floor with g++ and clang++-19 at three loop alignments (-falign-loops=16,
# 32, 64; functions at 64), then for each binary prints where T1's inlined
# hot loop sits (its first and last byte, and whether it straddles a 64-byte
# line) and the best of alternating runs of T1.inline and T3.inline.
# If the same machine code is slower only when it straddles a line, in either
# program, the gap is code placement, not the lowering.
# Usage: bench/corpus/experiments/alignment.sh [rounds]   (after scripts/bench)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
build=${BENCH_BUILD_DIR:-$root/build/bench}
src=$build/stackless_corpus.cpp
rounds=${1:-4}
[[ -f $src ]] || { echo "run scripts/bench first (no $src)" >&2; exit 1; }
work=$build/alignment
rm -rf "$work" && mkdir -p "$work"
corpus=$root/bench/corpus
inc=(-I"$root/runtime/include")

bins=()
for cc in g++ clang++-19; do
  tag=gcc; [[ $cc == clang* ]] && tag=clang
  for a in 16 32 64; do
    "$cc" -std=c++17 -O2 -falign-functions=64 -falign-loops=$a "${inc[@]}" -iquote "$corpus/stackless" \
      "$src" -o "$work/sl-$tag-$a" -pthread &
    "$cc" -std=c++17 -O2 -falign-functions=64 -falign-loops=$a "${inc[@]}" \
      "$corpus/hand/corpus.cpp" -o "$work/hand-$tag-$a" -pthread &
    wait
    bins+=("$work/sl-$tag-$a" "$work/hand-$tag-$a")
  done
done

# T1.inline's hot loop: the backward branch that closes a loop around the
# waker's indirect call (`call *0x10(%reg)`) and reads kT1Completions.
hot_loop() {
  objdump -d --no-show-raw-insn "$1" | python3 -c '
import re, sys
lines = [l for l in sys.stdin if re.match(r"\s+[0-9a-f]+:\t", l)]
addr = lambda l: int(l.split(":")[0], 16)
for i, l in enumerate(lines):
    m = re.search(r"\tj\w+\s+([0-9a-f]+) <", l)
    if not m:
        continue
    target, end = int(m.group(1), 16), addr(l)
    if not (0 < end - target < 64):
        continue
    body = [x for x in lines if target <= addr(x) <= end]
    if any("call   *0x10(" in x for x in body) and any("kT1Completions" in x for x in body):
        last = addr(lines[i + 1]) - 1 if i + 1 < len(lines) else end
        print("%x-%x %s" % (target, last, "straddles" if target // 64 != last // 64 else "in one line"))
        break
else:
    print("not found")
'
}

declare -A t1 t3
for ((r = 0; r < rounds; ++r)); do
  for b in "${bins[@]}"; do
    t1[$b]+=" $("$b" all 3 T1.inline | cut -d' ' -f4-)"
    t3[$b]+=" $("$b" all 3 T3.inline | cut -d' ' -f4-)"
  done
done
printf '%-18s %-28s %12s %12s\n' binary "T1 hot loop (64-byte lines)" "T1.inline ns" "T3.inline ns"
for b in "${bins[@]}"; do
  best() { tr ' ' '\n' | grep . | sort -g | head -1; }
  printf '%-18s %-28s %12s %12s\n' "$(basename "$b")" "$(hot_loop "$b")" \
    "$(echo "${t1[$b]}" | best)" "$(echo "${t3[$b]}" | best)"
done
