#!/usr/bin/env python3
"""Differential fuzzer for stackless.

For each generated program (gen.py): compile and run the synchronous oracle
(test/e2e/oracle, no tool), lower the program with stackless, compile the
output with g++ (and clang++-19 for every Kth program) under ASan+UBSan with
-Wall -Wextra -Werror, run it and compare its trace with the oracle's. In
cancellation mode the lowered program also drops futures half-way; those
segments are checked for balanced, LIFO construction/destruction and for
agreeing with the full run (see check_cancel).

usage: run.py --seed S --count N [--jobs J] [--keep-failures DIR]
              [--tool PATH] [--clang-every K] [--mode normal|cancel]
              [--feature NAME=on|off ...] [--bundle K] [--campaign]

Program i of a run uses gen.py seed S * 1000000 + i, so a failure can be
regenerated with `gen.py --seed <that seed>` (its mode is part of the seed).
Exit status: 0 if every program passed, 1 otherwise.
"""

import argparse
import collections
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
E2E = os.path.join(ROOT, "test", "e2e")
RUNTIME_INC = os.path.join(ROOT, "runtime", "include")

CXXFLAGS = ["-std=c++17", "-Wall", "-Wextra", "-Werror"]
SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
# The optimisation level and sanitizers of each compiler of the lowered code.
# By default both run -O1 with ASan+UBSan (clang++ on every Kth program).
# --campaign halves the cost of a long run and still checks each program
# with both: g++ -O1 without sanitizers (its -Wmaybe-uninitialized found
# real bugs) and clang++ -O0 with ASan+UBSan.
DEFAULT_FLAGS = {"g++": ["-O1"] + SANITIZE, "clang++-19": ["-O1"] + SANITIZE}
CAMPAIGN_FLAGS = {"g++": ["-O1"], "clang++-19": ["-O0"] + SANITIZE}
ORACLE_FLAGS = ["-std=c++17", "-O0", "-w", "-fno-strict-return",
                # `return;` in an Async<void> function (feature void_return):
                # the oracle's Async<void> is an empty struct.
                "-Wno-return-mismatch"]
RUN_TIMEOUT = 20
COMPILE_TIMEOUT = 120

# Failure categories, in the order they are reported.
CATEGORIES = ["generator/oracle failure", "tool rejection", "tool error", "compile error", "runtime crash",
              "timeout", "trace mismatch", "unbalanced trace"]

DEFAULT_TOOL_CANDIDATES = ["/tmp/fuzzbuild/tool/stackless"]


class Failure(Exception):
    def __init__(self, category, detail):
        super().__init__(category)
        self.category = category
        self.detail = detail


def sh(cmd, cwd, timeout, stdout_path=None):
    """Runs cmd; returns (returncode, stdout, stderr). returncode None on
    timeout."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=dict(os.environ, ASAN_OPTIONS=os.environ.get(
                               "ASAN_OPTIONS", "detect_leaks=1:detect_stack_use_after_return=1")))
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace"), (e.stderr or b"").decode("utf-8", "replace")
    out = p.stdout.decode("utf-8", "replace")
    if stdout_path:
        with open(stdout_path, "w") as f:
            f.write(out)
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


# ------------------------------------------------------------------ traces
def tracer_event(line):
    """('ctor'|'dtor', id) for a Tracer line, else None. A copy counts as a
    construction."""
    parts = line.split()
    if len(parts) == 2 and parts[0] in ("ctor", "dtor", "copy"):
        try:
            return ("dtor" if parts[0] == "dtor" else "ctor", int(parts[1]))
        except ValueError:
            return None
    return None


def live_stack(lines):
    """The Tracer ids alive after `lines`, in construction order, and a list
    of problems (a dtor without a live ctor, a non-LIFO destruction)."""
    stack = []
    problems = []
    for n, l in enumerate(lines):
        ev = tracer_event(l)
        if ev is None:
            continue
        kind, i = ev
        if kind == "ctor":
            stack.append(i)
        elif stack and stack[-1] == i:
            stack.pop()
        elif i in stack:
            problems.append("line %d: dtor %d is not the most recent live object (%s)"
                            % (n + 1, i, stack[-1]))
            del stack[len(stack) - 1 - stack[::-1].index(i)]
        else:
            problems.append("line %d: dtor %d without a live ctor %d" % (n + 1, i, i))
    return stack, problems


def balance_problems(lines):
    stack, problems = live_stack(lines)
    if stack:
        problems.append("never destroyed: %s" % " ".join(map(str, stack)))
    return problems


def split_sections(lines, prefix):
    """Splits on lines starting with prefix: [(header, body lines)]."""
    out = []
    for l in lines:
        if l.startswith(prefix):
            out.append((l, []))
        elif out:
            out[-1][1].append(l)
    return out


def signature(category, detail):
    """What identifies a failure beyond its category: the first compiler
    error with numbers and generated names stripped, the sanitizer error
    kind, the kind of trace problem."""
    if category == "compile error":
        for l in detail.splitlines():
            if "error:" in l:
                msg = l.split("error:", 1)[1]
                msg = re.sub(r"\d+", "N", msg)
                msg = re.sub(r"[A-Za-z_]*N[A-Za-z_N]*", "X", msg)
                return msg.strip()
    if category == "runtime crash":
        m = re.search(r"(AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer): ?([\w-]+)", detail)
        if m:
            return m.group(1) + " " + m.group(2)
        m = re.search(r"runtime error: ([^\n]*)", detail)
        if m:
            return re.sub(r"0x[0-9a-f]+|\d+", "N", m.group(1))
        if "logic_error" in detail or "terminate" in detail:
            return "terminate"
    if category in ("tool error", "tool rejection"):
        m = re.search(r"error: ([^\n]*)", detail)
        if m:
            return re.sub(r"\d+", "N", m.group(1))
    if category in ("trace mismatch", "unbalanced trace"):
        m = re.search(r"(do not replay|should complete|ready before|dropping should|never destroyed|"
                      r"is not the most recent|without a live ctor|first difference)", detail)
        if m:
            return m.group(1)
    return ""


def check_normal(want, got):
    if got == want:
        return
    wl, gl = want.splitlines(), got.splitlines()
    diff = first_diff(wl, gl)
    if balance_problems(gl) and not balance_problems(wl):
        raise Failure("unbalanced trace", "; ".join(balance_problems(gl)[:5]) + "\n" + diff)
    raise Failure("trace mismatch", diff)


def first_diff(wl, gl):
    n = 0
    while n < len(wl) and n < len(gl) and wl[n] == gl[n]:
        n += 1
    ctx = max(0, n - 3)
    s = "first difference at line %d\n" % (n + 1)
    s += "  oracle:  " + " | ".join(wl[ctx:n + 3]) + "\n"
    s += "  lowered: " + " | ".join(gl[ctx:n + 3])
    return s


def check_cancel(want, got):
    """want: the oracle's output (the "-- full n" sections only). got: the
    lowered program's output: the same full sections, then "-- cancel n after
    k of P" sections, each: events of the first k polls, ["ready" or "threw"
    after the last], "drop", the destructions of the dropped future (and of
    main's own const& argument), "dropped". The first k polls must replay a
    prefix of the full run, and dropping must destroy exactly the objects
    still alive, newest first."""
    gl = got.splitlines()
    cut = next((i for i, l in enumerate(gl) if l.startswith("-- cancel ")), len(gl))
    check_normal(want, "\n".join(gl[:cut]) + ("\n" if cut else ""))
    full = {}
    for header, body in split_sections(gl[:cut], "-- full "):
        # the last line is the result ("fN -> r" / "fN done")
        full[header.split()[2]] = body[:-1]
    for header, body in split_sections(gl[cut:], "-- cancel "):
        parts = header.split()
        n, k, total = parts[2], int(parts[4]), int(parts[6])
        events = full[n]
        if "drop" not in body or body[-1:] != ["dropped"]:
            raise Failure("runtime crash", "%s: no drop/dropped markers" % header)
        d = body.index("drop")
        pre, post = body[:d], body[d + 1:-1]
        # "ready" / "threw": the k-th poll completed the future or threw
        ready = [l for l in pre if l in ("ready", "threw")]
        pre = [l for l in pre if l not in ("ready", "threw")]
        where = "%s (pre-drop %d lines)" % (header, len(pre))
        if pre != events[:len(pre)]:
            raise Failure("trace mismatch", "%s: the first %d polls do not replay the full run\n%s"
                          % (header, k, first_diff(events, pre)))
        if k == total:
            # (post: main's own const Tracer& argument, destroyed after the future)
            if not ready or pre + post != events:
                raise Failure("trace mismatch", "%s: %d polls should complete the future" % (header, k))
        elif ready:
            raise Failure("trace mismatch", "%s: ready before %d polls" % (header, total))
        stack, problems = live_stack(pre)
        expect = ["dtor %d" % i for i in reversed(stack)]
        if post != expect:
            raise Failure("unbalanced trace",
                          "%s: dropping should print %s, printed %s%s"
                          % (where, expect or "nothing", post or "nothing",
                             ("; " + "; ".join(problems)) if problems else ""))


# --------------------------------------------------------------- one program
def compile_cmd(cxx, src, exe, pch, flags=None):
    flags = (flags or DEFAULT_FLAGS)[cxx]
    inc = []
    if pch and cxx == "g++" and "g++" in pch:
        inc = ["-I" + pch["g++"], "-Winvalid-pch"]
    elif pch and cxx in pch:
        inc = ["-include-pch", pch[cxx]]
    return [cxx] + CXXFLAGS + flags + inc + ["-I" + RUNTIME_INC, "-I" + E2E, src, "-o", exe, "-pthread"]


def check_source(src, mode, work, opts):
    """Checks one program in directory `work`: returns None if it passes,
    else (category, detail)."""
    return check_sources(src, [mode], work, opts)[0]


def check_sources(src, modes, work, opts):
    """Checks `src`, one program (len(modes) == 1) or a bundle of
    len(modes) programs (see bundle()), in directory `work`. Returns one
    result per program: None if it passes, else (category, detail). A failure
    of the whole file (the oracle, the tool, a compiler, a crash) is every
    program's result."""
    results = [None] * len(modes)
    try:
        prog = os.path.join(work, "prog.cpp")
        with open(prog, "w") as f:
            f.write(src)
        for stale in ("lowered.cpp", "oracle"):
            if os.path.exists(os.path.join(work, stale)):
                os.unlink(os.path.join(work, stale))
        # 1. the oracle
        pch = (opts.get("pch") or {}).get("oracle")
        rc, out, err = sh(["clang++-19"] + ORACLE_FLAGS + ["-I" + os.path.join(E2E, "oracle"),
                          "-I" + E2E] + (["-include-pch", pch] if pch else []) +
                          ["prog.cpp", "-o", "oracle"], work, COMPILE_TIMEOUT)
        if rc != 0:
            raise Failure("generator/oracle failure", "the oracle does not compile:\n" + err[-3000:])
        rc, want, err = sh(["./oracle"], work, RUN_TIMEOUT, os.path.join(work, "want.txt"))
        if rc != 0:
            raise Failure("generator/oracle failure", "the oracle failed (rc %s):\n%s" % (rc, err[-3000:]))
        wants = split_bundle(want, len(modes))
        if wants is None:
            raise Failure("generator/oracle failure", "the oracle's output lacks the bundle markers")
        # 2. the tool
        rc, out, err = sh([opts["tool"], "prog.cpp", "-o", "lowered.cpp", "--", "-std=c++17",
                           "-I" + RUNTIME_INC, "-I" + E2E], work, COMPILE_TIMEOUT)
        if rc != 0 or not os.path.exists(os.path.join(work, "lowered.cpp")):
            if rc == 1 and re.search(r"error: .*(not supported|rejected)", err):
                # a diagnostic by design: the generator should not produce it
                raise Failure("tool rejection", err[-3000:])
            raise Failure("tool error", (err or out)[-3000:])
        # 3. compile and run the lowered program
        for cxx in opts["compilers"]:
            exe = "lowered_" + cxx.split("+")[0]
            rc, out, err = sh(compile_cmd(cxx, "lowered.cpp", exe, opts.get("pch"),
                                          opts.get("flags")), work,
                              COMPILE_TIMEOUT)
            if rc != 0:
                raise Failure("compile error", "%s:\n%s" % (cxx, err[-4000:]))
            gotfile = os.path.join(work, "got_%s.txt" % exe.split("_")[1])
            rc, got, err = sh(["./" + exe], work, RUN_TIMEOUT, gotfile)
            if rc is None:
                raise Failure("timeout", "%s: the lowered program did not finish in %ds" % (cxx, RUN_TIMEOUT))
            if rc != 0:
                raise Failure("runtime crash", "%s: exit status %d\n%s" % (cxx, rc, err[-4000:]))
            gots = split_bundle(got, len(modes))
            if gots is None:
                raise Failure("trace mismatch", "%s: the output lacks the bundle markers" % cxx)
            for i, mode in enumerate(modes):
                if results[i] is not None:
                    continue
                try:
                    if mode == "cancel":
                        check_cancel(wants[i], gots[i])
                    else:
                        check_normal(wants[i], gots[i])
                except Failure as f:
                    results[i] = (f.category, "%s: %s" % (cxx, f.detail))
    except Failure as f:
        return [(f.category, f.detail)] * len(modes)
    return results


# ------------------------------------------------------------------ bundles
# Most of a program's cost is fixed (parsing the runtime's headers in the
# tool and in each compiler), so a campaign checks several generated
# programs per translation unit: each in a namespace of its own, its main()
# renamed; the bundle's main() runs them in turn after a marker line, and
# each program's part of the output is compared on its own. A failure of the
# whole file is then attributed by checking its programs one by one.

BUNDLE_MARK = "==== fuzz program "


def bundle(progs):
    """[(seed, source)] -> one translation unit."""
    includes, body, calls = ['#include "trace.hpp"'], [], []
    for i, (seed, src) in enumerate(progs):
        body.append("namespace fz%d {  // gen.py seed %d" % (i, seed))
        for line in src.splitlines():
            if line.startswith("#include"):
                if line not in includes:
                    includes.append(line)
            elif not line.startswith("using namespace stackless;"):
                body.append("void main_() {" if line == "int main() {" else line)
        body.append("}  // namespace fz%d" % i)
        calls.append('    std::printf("%s%d\\n");' % (BUNDLE_MARK, i))
        calls.append("    fz%d::main_();" % i)
    lines = (["// stackless fuzz bundle: gen.py seeds %s" % " ".join(str(s) for s, _ in progs)] +
             includes + ["using namespace stackless;", ""] + body + ["", "int main() {"] + calls +
             ["}"])
    return "\n".join(lines) + "\n"


def split_bundle(text, n):
    """A bundle's output -> each program's part (None if a marker is
    missing); a single program's output as it is."""
    if n == 1 and not text.startswith(BUNDLE_MARK):
        return [text]
    parts = re.split(r"^%s\d+\n" % re.escape(BUNDLE_MARK), text, flags=re.M)
    if len(parts) != n + 1 or parts[0]:
        return None
    return parts[1:]


def run_programs(job):
    """Generates and checks a bundle of programs (one program when the
    bundle size is 1); returns one result dict per program (never raises)."""
    seeds, opts, with_clang = job
    t0 = time.time()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    work = tempfile.mkdtemp(prefix="p%d_" % seeds[0], dir=opts["tmp"])
    results = [{"seed": s, "category": None, "detail": "", "dir": work} for s in seeds]
    try:
        progs = [gen.generate(s, opts["features"], opts["mode"]) for s in seeds]
        for r, (_, mode) in zip(results, progs):
            r["mode"] = mode
        o = dict(opts)
        o["compilers"] = ["g++"]
        if with_clang:
            o["compilers"].append("clang++-19")
        if len(seeds) == 1:
            found = check_sources(progs[0][0], [progs[0][1]], work, o)
        else:
            src = bundle([(s, p[0]) for s, p in zip(seeds, progs)])
            found = check_sources(src, [p[1] for p in progs], work, o)
            if any(f is not None for f in found) and len(set(found)) == 1:
                # the whole file failed: find which programs fail on their own
                found = []
                for s, (src1, mode1) in zip(seeds, progs):
                    d = os.path.join(work, "seed_%d" % s)
                    os.makedirs(d)
                    found.append(check_sources(src1, [mode1], d, o)[0])
                    if found[-1] is None:
                        shutil.rmtree(d, ignore_errors=True)
                    else:
                        results[len(found) - 1]["dir"] = d
        for r, f in zip(results, found):
            if f:
                r["category"], r["detail"] = f
    except Exception:  # a bug in the fuzzer itself
        import traceback
        for r in results:
            r["category"] = "generator/oracle failure"
            r["detail"] = "fuzzer exception: " + traceback.format_exc()
    dt = time.time() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    for r in results:
        r["time"], r["cpu"] = dt / len(seeds), cpu / len(seeds)
        if r["category"] is not None:
            with open(os.path.join(r["dir"], "failure.txt"), "w") as f:
                f.write("seed %d (mode %s)\ncategory: %s\n%s\n" % (r["seed"], r.get("mode"),
                                                                     r["category"], r["detail"]))
    if all(r["category"] is None for r in results):
        shutil.rmtree(work, ignore_errors=True)
    return results


def build_pch(tmp, cxxflags=None):
    """Precompiled trace.hpp (with the runtime, or with the oracle) for g++
    and clang++: every program's first include is "trace.hpp". Saves about
    0.3 s a compile of the lowered code and 0.15 s of the oracle's. Returns
    {"g++": dir holding trace.hpp.gch, "clang++-19": .pch, "oracle": .pch};
    a header that fails to build is simply not used."""
    d = os.path.join(tmp, "pch")
    os.makedirs(d, exist_ok=True)
    trace = os.path.join(E2E, "trace.hpp")
    # without -Werror: "#pragma once in main file"
    flags = {cxx: [f for f in CXXFLAGS if f != "-Werror"] + extra + ["-pthread"]
             for cxx, extra in (cxxflags or DEFAULT_FLAGS).items()}
    jobs = {
        "g++": (["g++"] + flags["g++"] + ["-I" + RUNTIME_INC, "-x", "c++-header", trace, "-o",
                                   os.path.join(d, "trace.hpp.gch")], d),
        "clang++-19": (["clang++-19"] + flags["clang++-19"] + ["-I" + RUNTIME_INC, "-I" + E2E, "-x", "c++-header",
                                                 trace, "-o", os.path.join(d, "lowered.pch")],
                       os.path.join(d, "lowered.pch")),
        "oracle": (["clang++-19"] + ORACLE_FLAGS + ["-I" + os.path.join(E2E, "oracle"), "-I" + E2E,
                                                    "-x", "c++-header", trace, "-o",
                                                    os.path.join(d, "oracle.pch")],
                   os.path.join(d, "oracle.pch")),
    }
    out = {}
    for name, (cmd, result) in jobs.items():
        rc, _, err = sh(cmd, tmp, COMPILE_TIMEOUT)
        if rc == 0:
            out[name] = result
        else:
            sys.stderr.write("note: no precompiled header for %s (%s)\n"
                             % (name, err.strip().splitlines()[-1:]))
    return out


def check_environment(tool, tmp):
    """The tool must lower a known-good e2e case: otherwise every program
    would fail the same way (e.g. a runtime header mid-edit)."""
    case = os.path.join(E2E, "cases", "basic_await.cpp")
    rc, out, err = sh([tool, case, "-o", os.path.join(tmp, "env_check.cpp"), "--", "-std=c++17",
                       "-I" + RUNTIME_INC, "-I" + E2E], tmp, COMPILE_TIMEOUT)
    if rc != 0:
        sys.exit("run.py: the tool fails on %s, not fuzzing:\n%s" % (case, (err or out)[-2000:]))


def find_tool(arg):
    if arg:
        return os.path.abspath(arg)
    for c in DEFAULT_TOOL_CANDIDATES:
        if os.path.exists(c):
            return c
    p = shutil.which("stackless")
    if p:
        return p
    sys.exit("run.py: no stackless binary; pass --tool")


def main():
    ap = argparse.ArgumentParser(description="stackless differential fuzzer")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep-failures", metavar="DIR")
    ap.add_argument("--tool", help="the stackless binary (default: %s)" % DEFAULT_TOOL_CANDIDATES[0])
    ap.add_argument("--clang-every", type=int, default=4,
                    help="also compile every Kth program (or bundle) with clang++-19 (0: never)")
    ap.add_argument("--mode", choices=["normal", "cancel"],
                    help="force a mode (default: chosen per program by its seed)")
    ap.add_argument("--feature", action="append", metavar="NAME=on|off")
    ap.add_argument("--bundle", type=int, default=1, metavar="K",
                    help="check K programs per translation unit (faster; see bundle())")
    ap.add_argument("--campaign", action="store_true",
                    help="g++ -O1 without sanitizers and clang++-19 -O0 with ASan+UBSan on "
                         "every program (see CAMPAIGN_FLAGS); use with --bundle")
    ap.add_argument("--no-pch", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="stackless_fuzz_")
    opts = {"tool": find_tool(a.tool), "features": gen.parse_features(a.feature), "mode": a.mode,
            "clang_every": 1 if a.campaign else a.clang_every, "tmp": tmp, "pch": None,
            "flags": CAMPAIGN_FLAGS if a.campaign else DEFAULT_FLAGS}
    t0 = time.time()
    check_environment(opts["tool"], tmp)
    if not a.no_pch:
        opts["pch"] = build_pch(tmp, opts["flags"])
    seeds = [a.seed * 1000000 + i for i in range(a.count)]
    counts = collections.Counter()
    failures = []
    modes = collections.Counter()
    cpu = 0.0
    try:
        with multiprocessing.Pool(a.jobs) as pool:
            jobs = [(seeds[i:i + a.bundle], opts,
                     bool(a.clang_every) and (i // a.bundle) % a.clang_every == 0)
                    for i in range(0, len(seeds), a.bundle)]
            for r in (r for rs in pool.imap_unordered(run_programs, jobs) for r in rs):
                modes[r.get("mode")] += 1
                cpu += r.get("cpu", 0.0)
                if r["category"] is None:
                    counts["pass"] += 1
                    if a.verbose:
                        print("ok   seed %d (%s, %.1fs)" % (r["seed"], r.get("mode"), r["time"]), flush=True)
                    continue
                counts[r["category"]] += 1
                failures.append(r)
                sig = signature(r["category"], r["detail"])
                print("FAIL seed %d (%s): %s%s" % (r["seed"], r.get("mode"), r["category"],
                                                  (" [%s]" % sig) if sig else ""), flush=True)
                if a.keep_failures:
                    dest = os.path.join(a.keep_failures, "seed_%d" % r["seed"])
                    shutil.rmtree(dest, ignore_errors=True)
                    shutil.copytree(r["dir"], dest,
                                    ignore=shutil.ignore_patterns("oracle", "lowered_*"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    dt = time.time() - t0
    print("\nstackless fuzz: seed %d, %d programs (%d normal, %d cancel), %d jobs, %.1f s "
          "(%.2f s/program/core wall, %.2f s/program CPU)"
          % (a.seed, a.count, modes["normal"], modes["cancel"], a.jobs, dt,
             dt * a.jobs / max(1, a.count), cpu / max(1, a.count)))
    print("  passed: %d" % counts["pass"])
    for c in CATEGORIES:
        if counts[c]:
            print("  %s: %d" % (c, counts[c]))
    if failures:
        print("  failing seeds: %s" % " ".join(str(r["seed"]) for r in sorted(failures, key=lambda r: r["seed"])))
        if a.keep_failures:
            print("  kept in %s" % os.path.abspath(a.keep_failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
