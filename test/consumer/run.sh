#!/usr/bin/env bash
# run.sh STEP [CONFIG] — the consumer tests: test/consumer built as a user's
# project against stackless. test/CMakeLists.txt registers one ctest per step;
# the steps share a work directory and run in this order (ctest fixtures):
#
#   install           cmake --install the (built) stackless build tree into a prefix
#   find_package      configure + build + run the consumer against that prefix
#   header_rebuild    touch greeting.hpp: only main.cpp is lowered again
#   located_error     await outside an async function: the build fails with
#                     the tool's main.cpp:LINE:COL: error
#   compile_commands  `stackless -p <consumer build>` without `--`
#   add_subdirectory  the consumer with add_subdirectory(<stackless source>)
#                     (independent of the others; rebuilds the tool, ccache helps)
#
# Environment (set by test/CMakeLists.txt): STACKLESS_SOURCE_DIR,
# STACKLESS_BUILD_DIR, CONSUMER_WORK, CMAKE_COMMAND, CONSUMER_GENERATOR,
# CONSUMER_MAKE_PROGRAM, CONSUMER_CXX, CONSUMER_LAUNCHER (may be empty).
set -euo pipefail

step=$1
config=${2:-Release}
here=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE_COMMAND:-cmake}
work=$CONSUMER_WORK
prefix=$work/prefix
src=$work/src        # a copy of test/consumer, which the steps edit
build=$work/build

fail() { echo "FAIL ($step): $*" >&2; exit 1; }

# Configure arguments shared by both consumer builds.
configure_args=(-G "$CONSUMER_GENERATOR" -DCMAKE_BUILD_TYPE="$config"
                -DCMAKE_CXX_COMPILER="$CONSUMER_CXX")
[[ -n ${CONSUMER_MAKE_PROGRAM:-} ]] && configure_args+=(-DCMAKE_MAKE_PROGRAM="$CONSUMER_MAKE_PROGRAM")
[[ -n ${CONSUMER_LAUNCHER:-} ]] && configure_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$CONSUMER_LAUNCHER")

lowered=$build/stackless_generated/consumer   # where stackless_generate writes
mtime() { stat -c %Y.%y "$1"; }                # seconds + the full timestamp

check_run() {  # the consumer's output
  local out
  out=$("$1") || fail "the consumer exited with $?"
  echo "$out"
  [[ $out == *"hello, out-of-tree consumer!"* ]] || fail "unexpected greeting"
  [[ $out == *"answer: 42"* ]] || fail "unexpected answer"
}

case $step in
install)
  rm -rf "$work"
  mkdir -p "$work"
  "$cmake" --install "$STACKLESS_BUILD_DIR" --prefix "$prefix" --config "$config" > "$work/install.log"
  config_dir=$(dirname "$(find "$prefix" -path '*/cmake/Stackless/StacklessConfig.cmake' | head -n 1)")
  [[ $config_dir == "$prefix"/lib* ]] || fail "no lib*/cmake/Stackless/StacklessConfig.cmake"
  for f in include/stackless/stackless.hpp include/stackless/markers.hpp bin/stackless \
           "${config_dir#"$prefix"/}"/Stackless{Config,ConfigVersion,Targets,Generate}.cmake; do
    [[ -e $prefix/$f ]] || fail "not installed: $f"
    echo "installed: $f"
  done
  "$prefix/bin/stackless" --help > /dev/null || fail "the installed tool does not run"
  echo "installed into $prefix"
  ;;

find_package)
  rm -rf "$src" "$build"
  cp -r "$here" "$src"
  "$cmake" -S "$src" -B "$build" "${configure_args[@]}" -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log" \
    || { cat "$work/configure.log"; fail "configure"; }
  "$cmake" --build "$build" --config "$config" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log"; fail "build"; }
  # The lowering ran the installed tool, not the one in the build tree.
  grep -rqs --include='*.ninja' --include='*.make' --include='Makefile' -F "$prefix/bin/stackless" "$build" \
    || fail "the build does not run $prefix/bin/stackless"
  check_run "$build/consumer"
  ;;

header_rebuild)
  before_main=$(mtime "$lowered/main.cpp")
  before_other=$(mtime "$lowered/other.cpp")
  sleep 0.01
  touch "$src/greeting.hpp"
  build_args=()
  [[ $CONSUMER_GENERATOR == Ninja ]] && build_args=(-- -d explain)
  "$cmake" --build "$build" --config "$config" "${build_args[@]}" > "$work/rebuild.log" 2>&1 \
    || { cat "$work/rebuild.log"; fail "rebuild"; }
  cat "$work/rebuild.log"
  grep -q 'stackless: lowering main.cpp' "$work/rebuild.log" || fail "main.cpp was not lowered again"
  if grep -q 'stackless: lowering other.cpp' "$work/rebuild.log"; then fail "other.cpp was lowered again"; fi
  [[ $(mtime "$lowered/main.cpp") != "$before_main" ]] || fail "the lowered main.cpp was not rewritten"
  [[ $(mtime "$lowered/other.cpp") == "$before_other" ]] || fail "the lowered other.cpp was rewritten"
  check_run "$build/consumer"
  ;;

located_error)
  cp "$src/main.cpp" "$work/main.cpp.good"
  before=$(mtime "$lowered/main.cpp")
  line=$(( $(wc -l < "$src/main.cpp") + 1 ))
  echo 'int broken() { return await(ready(1)); }' >> "$src/main.cpp"   # `await` is column 23
  status=0
  "$cmake" --build "$build" --config "$config" > "$work/error.log" 2>&1 || status=$?
  cp "$work/main.cpp.good" "$src/main.cpp"
  cat "$work/error.log"
  (( status != 0 )) || fail "the build succeeded"
  grep -Eq "(^|/)main\.cpp:$line:23: error: " "$work/error.log" || fail "no main.cpp:$line:23: error: in the output"
  [[ $(mtime "$lowered/main.cpp") == "$before" ]] || fail "the failed run touched the lowered main.cpp"
  "$cmake" --build "$build" --config "$config" > "$work/error-fixed.log" 2>&1 \
    || { cat "$work/error-fixed.log"; fail "the build does not recover once the error is fixed"; }
  ;;

compile_commands)
  [[ -f $build/compile_commands.json ]] || fail "no compile_commands.json"
  # main.cpp itself is not compiled (its lowered copy is): LibTooling infers
  # its flags from the nearest entry, the lowered main.cpp's.
  "$prefix/bin/stackless" -p "$build" "$src/main.cpp" -o "$work/p-main.cpp" > "$work/p.log" 2>&1 \
    || { cat "$work/p.log"; fail "stackless -p"; }
  cat "$work/p.log"
  grep -q 'poll(' "$work/p-main.cpp" || fail "the output holds no lowered future"
  echo "lowered with -p $build: $(wc -l < "$work/p-main.cpp") lines"
  ;;

add_subdirectory)
  sub=$work-subdirectory   # not under $work, which the install step clears
  rm -rf "$sub"
  start=$(date +%s)
  "$cmake" -S "$here" -B "$sub" "${configure_args[@]}" -DSTACKLESS_SOURCE_DIR="$STACKLESS_SOURCE_DIR" \
    > "$sub.configure.log" || { cat "$sub.configure.log"; fail "configure"; }
  "$cmake" --build "$sub" --config "$config" > "$sub.build.log" 2>&1 \
    || { cat "$sub.build.log"; fail "build"; }
  grep -rqs --include='*.ninja' --include='*.make' --include='Makefile' -F "$sub/stackless/tool/stackless" "$sub" \
    || fail "the build does not run the subproject's tool"
  check_run "$sub/consumer"
  echo "configure + build: $(( $(date +%s) - start )) s"
  ;;

*)
  fail "unknown step (install, find_package, header_rebuild, located_error, compile_commands, add_subdirectory)"
  ;;
esac
echo "PASS ($step)"
