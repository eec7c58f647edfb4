#!/usr/bin/env bash
# Compile checks with a second compiler (the build already compiles
# everything with its own): every runtime header on its own in C++17, in
# C++20, and in C++17 with -fno-exceptions, and the given test sources in
# C++17 (the stricter; with -fno-exceptions for a file named *no_exceptions*),
# with -Wall -Wextra -Wpedantic -Werror -fsyntax-only.
# Usage: compile_check.sh <compiler> <runtime include dir> [test source...]
# Exits 77 (skipped) when the compiler is not installed.
set -u
cxx=$1
include_dir=$2
shift 2
command -v "$cxx" >/dev/null || { echo "$cxx not installed: skipped"; exit 77; }

jobs=()
for std in 17 20 17-no-exceptions; do
  for header in "$include_dir"/stackless/*.hpp; do jobs+=("$std header stackless/$(basename "$header")"); done
done
for source in "$@"; do
  case $source in
    *no_exceptions*) jobs+=("17-no-exceptions source $source") ;;  # a test of the -fno-exceptions build
    *) jobs+=("17 source $source") ;;
  esac
done

check() {  # <std>[-no-exceptions] header|source <file>
  local flags="-std=c++${1%%-*} -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I$include_dir"
  case $1 in *-no-exceptions) flags="$flags -fno-exceptions" ;; esac
  if [ "$2" = header ]; then
    out=$(echo "#include <$3>" | "$cxx" $flags -x c++ - 2>&1)
  else
    out=$("$cxx" $flags "$3" 2>&1)
  fi || { printf 'FAIL %s -std=c++%s %s\n%s\n' "$cxx" "$1" "$3" "$out"; return 1; }
}
export -f check
export cxx include_dir

printf '%s\n' "${jobs[@]}" | xargs -P "$(nproc)" -L 1 bash -c 'check "$0" "$1" "$2"'
status=$?
echo "$cxx: ${#jobs[@]} compilations"
exit $status
