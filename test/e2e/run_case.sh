#!/usr/bin/env bash
# One end-to-end case: transpile, compile with g++ and clang++ at C++17 and
# C++20 (-Wall -Wextra -Werror), run, and compare the output with the oracle
# (the same program compiled against oracle/ and run synchronously), or with
# cases/<name>.expected when the case has one (cancellation: the oracle
# cannot stop half-way).
#
# usage: run_case.sh <stackless> <case.cpp> <work dir> <repo root>
set -euo pipefail
tool=$1 case=$2 work=$3 root=$4
name=$(basename "$case" .cpp)
here=$root/test/e2e
mkdir -p "$work"
cd "$work"

fail() { echo "FAIL [$name]: $*" >&2; exit 1; }

expected=$here/cases/$name.expected
if [ -f "$expected" ]; then
  cp "$expected" want.txt
else
  clang++-19 -std=c++17 -O0 -w -fno-strict-return -Wno-return-mismatch -I"$here/oracle" -I"$here" \
    "$case" -o oracle || fail "the oracle does not compile"
  ./oracle > want.txt || fail "the oracle failed"
fi

"$tool" "$case" -o lowered.cpp -- -std=c++17 -I"$root/runtime/include" -I"$here" \
  || fail "stackless rejected the case"

for cxx in g++ clang++-19; do
  for std in 17 20; do
    exe=run_${cxx%%-*}_$std
    extra=""
    # One configuration also runs under ASan+UBSan: slot misuse shows there.
    if [ "$cxx" = g++ ] && [ "$std" = 17 ]; then
      extra="-fsanitize=address,undefined -fno-sanitize-recover=all"
    fi
    opt=-O1; [ "$cxx" = clang++-19 ] && [ "$std" = 20 ] && opt=-O2
    $cxx -std=c++$std $opt -g -Wall -Wextra -Werror $extra -I"$root/runtime/include" \
      -I"$here" -iquote "$(dirname "$case")" lowered.cpp -o "$exe" -pthread || fail "$cxx -std=c++$std does not compile lowered.cpp"
    ./"$exe" > got.txt 2>&1 || { cat got.txt >&2; fail "$cxx -std=c++$std: the program failed"; }
    diff -u want.txt got.txt >&2 || fail "$cxx -std=c++$std: output differs from the oracle"
  done
done
# A case without try/throw also builds and runs without exceptions (SPEC:
# the output needs nothing the input did not).
if ! grep -qE '\b(try|throw|catch)\b' "$case"; then
  g++ -std=c++17 -O1 -fno-exceptions -Wall -Wextra -Werror -I"$root/runtime/include" -I"$here" \
    -iquote "$(dirname "$case")" lowered.cpp -o run_noexc -pthread \
    || fail "g++ -fno-exceptions does not compile lowered.cpp"
  ./run_noexc > got.txt 2>&1 || { cat got.txt >&2; fail "-fno-exceptions: the program failed"; }
  diff -u want.txt got.txt >&2 || fail "-fno-exceptions: output differs from the oracle"
fi
echo "ok [$name]: $(wc -l < want.txt) lines of trace agree (g++, clang++; C++17, C++20; -fno-exceptions)"
