#!/usr/bin/env python3
"""Times the stackless tool against `clang++-19 -fsyntax-only` on the same files.

Usage: run.py TOOL ROOT WORKDIR TIMEOUT_SECONDS

Inputs: every samples/*/main.cpp, and generated files of 100, 1,000 and
10,000 async functions (gen_async.py). Each file is given the same flags:
-std=c++17 and the runtime's include directory. The tool and clang run
alternately, best of 3 each while the tool takes under 5 s. A tool run that exceeds TIMEOUT_SECONDS is
reported as ">TIMEOUT", and the larger generated inputs are then skipped
(they would time out as well).

Prints one line per input: transpile <name> <tool seconds|>timeout> <clang seconds>
"""
import os
import subprocess
import sys
import time


def timed(cmd, timeout):
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, ""
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (" ".join(cmd), r.stderr.decode(errors="replace")[-2000:]))
    return dt, ""


def best_pair(tool_cmd, clang_cmd, timeout):
    """Best of several alternating runs of clang and the tool (so both see
    the same machine load): 3 each while a tool run takes under 5 s, else 1. The tool's time is None if it timed out."""
    clang_times, tool_times = [], []
    rounds = 1
    while len(tool_times) < rounds:
        c, _ = timed(clang_cmd, timeout)
        t, _ = timed(tool_cmd, timeout)
        clang_times.append(c)
        if t is None:
            return None, min(clang_times)
        tool_times.append(t)
        if len(tool_times) == 1:
            rounds = 3 if t < 5.0 else 1
    return min(tool_times), min(clang_times)


def main():
    tool, root, work, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    os.makedirs(work, exist_ok=True)
    flags = ["-std=c++17", "-I" + os.path.join(root, "runtime", "include")]
    inputs = []
    samples = os.path.join(root, "samples")
    for name in sorted(os.listdir(samples)):
        main_cpp = os.path.join(samples, name, "main.cpp")
        if os.path.exists(main_cpp):
            inputs.append(("sample-" + name, main_cpp, []))
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_async.py")
    for n in (100, 1000, 10000):
        path = os.path.join(work, "gen_%d.cpp" % n)
        with open(path, "w") as f:
            subprocess.run([sys.executable, gen, str(n)], stdout=f, check=True)
        inputs.append(("gen-%d" % n, path, ["-I" + os.path.join(root, "bench", "corpus", "common")]))

    skip_rest = False
    for name, path, extra in inputs:
        if skip_rest and name.startswith("gen-"):
            print("transpile %s >%g skipped" % (name, timeout), flush=True)
            continue
        out = os.path.join(work, name + ".out.cpp")
        try:
            t, clang = best_pair([tool, path, "-o", out, "--"] + flags + extra,
                                 ["clang++-19", "-fsyntax-only"] + flags + extra + [path], timeout)
        except RuntimeError as e:
            print("transpile %s failed 0" % name, flush=True)
            print(str(e), file=sys.stderr)
            continue
        if t is None:
            print("transpile %s >%g %.4f" % (name, timeout, clang), flush=True)
            if name.startswith("gen-"):
                skip_rest = True
            continue
        print("transpile %s %.4f %.4f" % (name, t, clang), flush=True)


if __name__ == "__main__":
    main()
