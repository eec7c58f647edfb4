#!/usr/bin/env python3
"""Instructions per operation of a corpus program, counted by valgrind.

Usage: instructions.py PROGRAM [SCALE]

Runs PROGRAM under `valgrind --tool=cachegrind --cache-sim=no` once per
workload (T1.opaque, T1.inline, T3.opaque, T3.inline, G1.yield, G1.iter,
and the hand-written T3 variants that keep SPEC 2.6's poisoning)
at 1/SCALE of the workload sizes (BENCH_SCALE), and once timing nothing
(for G1: once building its input and timing nothing);
the difference, divided by the operations, is the instructions per
completion (T1), per await (T3) or per yield (G1). Unlike timings on a
shared machine, these counts do not move between runs.

Prints: instr <workload> <instructions per operation>
"""
import re
import subprocess
import sys

WORKLOADS = {"T1.opaque": 1, "T1.inline": 1, "T3.opaque": 1, "T3.inline": 1, "G1.yield": 2, "G1.iter": 2,
             "T3.opaque.poison-store": 1, "T3.opaque.poison-handler": 1}


def count(prog, workload, scale):
    r = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", prog, "all", "1", workload],
        env={"BENCH_SCALE": str(scale), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr.decode())
    return int(m.group(1).replace(",", "")), r.stdout.decode()


def main():
    prog = sys.argv[1]
    scale = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    # The baseline times nothing; "G1.none" also builds G1's input (and the
    # expected sums), which the G1 workloads do before timing.
    base, _ = count(prog, "none", scale)
    g1_base, _ = count(prog, "G1.none", scale)
    ops = 10_000_000 // scale
    for w, per in WORKLOADS.items():
        n, out = count(prog, w, scale)
        if w.startswith("G1"):
            n += base - g1_base
        if ("time " + w + " ") not in out:
            continue  # this program has no such workload
        print("instr %s %.1f" % (w, (n - base) / (ops * per)), flush=True)


if __name__ == "__main__":
    main()
