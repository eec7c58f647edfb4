#!/usr/bin/env python3
"""Minimises a failing fuzz program while its failure persists.

usage: minimize.py PROG.cpp [-o OUT.cpp] [--tool PATH] [--jobs J]
                   [--mode normal|cancel] [--any] [--compilers g++,clang++-19]

PROG.cpp is a program from gen.py (or any program in that style, e.g. a kept
failure's prog.cpp). The failure is first reproduced with run.py's checks
(oracle, tool, g++ under ASan/UBSan, trace comparison); its category and a
signature (the first compiler error with numbers stripped, the sanitizer
error kind, ...) must then persist in every accepted reduction (--any: the
category only). Every candidate must still be a valid program: the oracle
must compile and run.

Reductions, tried hierarchically (outermost first) until none applies:
  * delete a statement, a whole compound statement (if/loop/switch/block,
    up to its closing brace), a function, a case of a switch;
  * delete an else / else-if arm;
  * unwrap a compound statement (keep its body, drop its head and brace);
  * replace an awaited call of a generated function by a leaf future.
Candidates are checked J at a time in parallel; the first success in order
wins.
"""

import argparse
import multiprocessing
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402


signature = run.signature


def brace_delta(line):
    s = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    s = re.sub(r"//.*", "", s)
    return s.count("{") - s.count("}")


def unit_end(lines, i):
    """Index of the last line of the statement starting at line i (its
    closing brace for a compound statement; "} else {" and "} while (..);"
    continue it), or None if line i does not start a statement."""
    d = 0
    for j in range(i, len(lines)):
        if lines[j].lstrip().startswith("#"):
            continue
        d += brace_delta(lines[j])
        if d < 0:
            return None
        if d == 0:
            return j
    return None


def is_label(st):
    return st.startswith(("case ", "default:"))


def protected_lines(lines):
    """Lines inside an #if .. #else .. #endif: the oracle's and the lowered
    program's versions of main's code must stay in step, so they are only
    deleted together (with an enclosing statement)."""
    prot = [False] * len(lines)
    stack = []  # [start, has_else]
    for i, l in enumerate(lines):
        st = l.strip()
        if st.startswith("#if"):
            stack.append([i, False])
        elif st.startswith("#else") and stack:
            stack[-1][1] = True
        elif st.startswith("#endif") and stack:
            start, has_else = stack.pop()
            if has_else:
                for j in range(start, i + 1):
                    prot[j] = True
    return prot


def candidates(lines):
    """Reductions of `lines`, larger ones first."""
    out = []
    n = len(lines)
    prot = protected_lines(lines)
    for i, l in enumerate(lines):
        st = l.strip()
        if not st or st.startswith(("#", "//", "using ", "int main(")) or prot[i]:
            continue
        if st.startswith("} else"):
            # drop this else arm: up to the next arm or the closing brace
            d = 0
            for j in range(i + 1, n):
                s2 = lines[j].strip()
                if d == 0 and s2.startswith("}"):
                    out.append((j - i, "drop else arm at %d" % (i + 1), lines[:i] + lines[j:]))
                    break
                d += brace_delta(lines[j])
            continue
        if st.startswith("}"):
            continue
        if is_label(st):
            # drop the case up to the next label or the switch's end
            d = brace_delta(l)
            for j in range(i + 1, n):
                s2 = lines[j].strip()
                if d == 0 and (is_label(s2) or s2 == "}"):
                    out.append((j - i, "drop %s at %d" % (st, i + 1), lines[:i] + lines[j:]))
                    break
                d += brace_delta(lines[j])
            continue
        e = unit_end(lines, i)
        if e is None:
            continue
        out.append((e - i + 1, "drop lines %d-%d" % (i + 1, e + 1), lines[:i] + lines[e + 1:]))
        nested = l.startswith("    ")  # not a function definition
        if nested and e > i + 1 and st.endswith("{") and lines[e].strip() == "}" \
                and not st.startswith("switch"):
            # unwrap: keep the body of a block / if (no else) / loop
            ind = len(l) - len(l.lstrip())
            inner = lines[i + 1:e]
            arms = [x for x in inner if x.startswith(" " * ind + "}")]
            if not arms:
                ded = [x[4:] if x.startswith(" " * (ind + 4)) else x for x in inner]
                out.append((1, "unwrap %d-%d" % (i + 1, e + 1), lines[:i] + ded + lines[e + 1:]))
        for m in re.finditer(r"await\((f\d+\([^()]*(\([^()]*\)[^()]*)*\))\)", l):
            for leaf in ("YieldOnce<int>(1)", "Tick(1)"):
                new = l[:m.start(1)] + leaf + l[m.end(1):]
                out.append((0, "leaf for %s at %d" % (m.group(1), i + 1),
                            lines[:i] + [new] + lines[i + 1:]))
    out.sort(key=lambda c: -c[0])
    return out


def tidy(lines):
    """Cosmetics: no empty #if/#endif pairs, no runs of blank lines."""
    out = []
    for l in lines:
        if l.strip() == "#endif" and out and out[-1].strip().startswith("#if"):
            out.pop()
            continue
        if not l.strip() and out and not out[-1].strip():
            continue
        out.append(l)
    return out


def _check(args):
    src, mode, opts = args
    work = tempfile.mkdtemp(dir=opts["tmp"])
    try:
        return run.check_source(src, mode, work, opts)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description="minimise a failing stackless fuzz program")
    ap.add_argument("prog")
    ap.add_argument("-o", "--output")
    ap.add_argument("--tool")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--mode", choices=["normal", "cancel"])
    ap.add_argument("--any", action="store_true", help="keep the category only, not the signature")
    ap.add_argument("--compilers", default="g++")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    src = open(a.prog).read()
    mode = a.mode or ("cancel" if "-- cancel" in src else "normal")
    tmp = tempfile.mkdtemp(prefix="stackless_min_")
    opts = {"tool": run.find_tool(a.tool), "compilers": a.compilers.split(","), "tmp": tmp,
            "pch": run.build_pch(tmp)}
    try:
        r = _check((src, mode, opts))
        if r is None:
            sys.exit("minimize.py: the program passes; nothing to minimise")
        cat, detail = r
        sig = "" if a.any else signature(cat, detail)
        print("failure: %s%s" % (cat, (" [%s]" % sig) if sig else ""), file=sys.stderr)

        def same(res):
            if res is None:
                return False
            return res[0] == cat and (a.any or signature(*res) == sig)

        lines = src.splitlines()
        tests = 0
        with multiprocessing.Pool(a.jobs) as pool:
            changed = True
            while changed:
                changed = False
                cands = candidates(lines)
                i = 0
                while i < len(cands):
                    batch = cands[i:i + a.jobs]
                    results = pool.map(_check, [("\n".join(c[2]) + "\n", mode, opts) for c in batch])
                    tests += len(batch)
                    hit = next((c for c, res in zip(batch, results) if same(res)), None)
                    if hit:
                        if a.verbose:
                            print("  %s: %d lines" % (hit[1], len(hit[2])), file=sys.stderr)
                        lines = hit[2]
                        changed = True
                        break
                    i += len(batch)
        tidied = tidy(lines)
        if tidied != lines and same(_check(("\n".join(tidied) + "\n", mode, opts))):
            lines = tidied
        out = "\n".join(lines) + "\n"
        print("minimised to %d lines in %d tests" % (len(lines), tests), file=sys.stderr)
        if a.output:
            with open(a.output, "w") as f:
                f.write(out)
        else:
            sys.stdout.write(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
