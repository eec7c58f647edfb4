#!/usr/bin/env bash
# --line-directives: a breakpoint on a source line of an async function is hit
# under gdb, and the function's variables can be printed there.
# usage: gdb_line_directives.sh <stackless> <repo root> <work dir>
set -euo pipefail
tool=$1 root=$2 work=$3
mkdir -p "$work" && cd "$work"
src=$root/samples/hello/main.cpp
line=$(grep -n 'std::printf("hello, %s' "$src" | cut -d: -f1)
"$tool" --line-directives "$src" -o lowered.cpp -- -std=c++17 -I"$root/runtime/include"
g++ -std=c++17 -g -O0 -Wall -Wextra -Werror -I"$root/runtime/include" lowered.cpp -o hello -pthread
gdb -batch -ex "break main.cpp:$line" -ex run -ex "print who" -ex "print n" ./hello > gdb.txt 2>&1 || true
cat gdb.txt
grep -q "hit Breakpoint 1, greet_future::poll" gdb.txt
grep -q "main.cpp:$line" gdb.txt
grep -qE '= "(world|stackless)"' gdb.txt  # whichever task reaches the line first
echo "ok: gdb stopped at main.cpp:$line inside greet_future::poll"
