#!/usr/bin/env bash
# --emit=layout: for every sample, the total the layout view prints for each
# class equals what g++ computes for sizeof of the lowered class.
# usage: layout_sizeof.sh <stackless> <repo root> <work dir>
set -euo pipefail
tool=$1 root=$2 work=$3
mkdir -p "$work" && cd "$work"
checked=0
for src in "$root"/samples/*/main.cpp; do
  name=$(basename "$(dirname "$src")")
  flags=(-std=c++17 -I"$root/runtime/include" -iquote "$(dirname "$src")")
  "$tool" --emit=layout "$src" -o "$name.layout" -- "${flags[@]}"
  "$tool" "$src" -o "$name.cpp" -- "${flags[@]}"
  # (A class local to a function cannot be named where the asserts go.)
  { grep -E '^  sizeof [A-Za-z_0-9]+ = [0-9]+' "$name.layout" | grep -v 'local to its function' || true; } |
    sed -E 's/^  sizeof ([A-Za-z_0-9]+) = ([0-9]+).*/static_assert(sizeof(\1) == \2, "layout view of \1");/' \
      > "$name.asserts"
  cat "$name.cpp" "$name.asserts" > "$name.checked.cpp"
  g++ "${flags[@]}" -fsyntax-only "$name.checked.cpp"
  n=$(wc -l < "$name.asserts")
  echo "$name: $n class sizes agree with g++"
  checked=$((checked + n))
done
[ "$checked" -gt 0 ] || { echo "no class checked" >&2; exit 1; }
echo "ok: $checked sizes"
