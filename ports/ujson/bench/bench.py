"""Times the port (universal ABI, and built for the CPython ABI: "port cpy") against C ujson
6.1.0, orjson and the standard json module on the cases of ujson's own benchmark (cases.py),
all in one process, and prints a table with the ratios port / C ujson, port cpy / C ujson and
orjson / C ujson and their geometric means.

    ./ports/ujson/bench/run.sh [--samples S] [--factor F] [--callgrind] [--smoke]

Timing (default): for each case, each sample runs every library once, in a shuffled order
(drift on a noisy machine hits them alike), `count × factor` calls per sample; the table
gives the median µs per call. `--callgrind` counts instructions instead, each library under
valgrind in a process of its own: (instructions of 2N calls − of N calls) / N, exact and
repeatable (bench/micro/runner.py's method, whose helpers this uses). `--smoke` makes one
tiny sample of each, to check that everything runs: its numbers mean nothing.

Before a case is measured, the port's result is compared with C ujson's: a port that raises
NotImplementedError shows "n/a" in that row (the port is being written); a port that gives
another result or raises anything else shows "wrong", and the run fails after the table.
"""

import argparse
import glob
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import cases as bench_cases
import libraries
import sdist
from runner import dump_total, machine, pin_to_one_core  # bench/micro/runner.py

# Calls under callgrind: a case's count divided by this (at least 1).
CALLGRIND_DIVISOR = 100


def run(fn, n):
    for _ in range(n):
        fn()


def prepare(modules, case):
    """({label: call}, {label: None if measured, else why not}: libraries.statuses)."""
    calls = {label: libraries.call(label, module, case) for label, module in modules.items()}
    return calls, libraries.statuses(calls)


def time_all(modules, all_cases, samples, factor):
    """({case label: {library: [µs per call, one per sample]}}, {case label: statuses})."""
    rng = random.Random(42)
    results, statuses = {}, {}
    for case in all_cases:
        calls, statuses[case.label] = prepare(modules, case)
        n = max(1, round(case.count * factor))
        labels = [label for label in calls if statuses[case.label][label] is None]
        for label in labels:
            run(calls[label], max(1, n // 10))  # warm up
        per_call = {label: [] for label in labels}
        for _ in range(samples):
            rng.shuffle(labels)
            for label in labels:
                start = time.perf_counter_ns()
                run(calls[label], n)
                per_call[label].append((time.perf_counter_ns() - start) / n / 1000)
        results[case.label] = per_call
        print(f"  {case.label}", file=sys.stderr, flush=True)
    return results, statuses


def callgrind_n(case, factor):
    return max(1, round(case.count * factor / CALLGRIND_DIVISOR))


def count_one(label, modules, all_cases, factor):
    """Runs inside callgrind: a `time.sleep(0)` marker (a dump) before each case, after N
    calls and after 2N more; nothing between them where the library is not measured."""
    runs = []
    for case in all_cases:
        calls, status = prepare(modules, case)
        fn = calls[label] if status[label] is None else None
        if fn:
            run(fn, 2)  # warm up: first-call costs are not counted
        runs.append((fn, callgrind_n(case, factor)))
    for fn, n in runs:
        time.sleep(0)
        if fn:
            run(fn, n)
        time.sleep(0)
        if fn:
            run(fn, 2 * n)
        time.sleep(0)


def callgrind_all(modules, all_cases, factor, forwarded):
    """({case label: {library: instructions per call}}, {case label: statuses}); one
    valgrind process per library, started with `forwarded` (the paths) as arguments."""
    statuses = {case.label: prepare(modules, case)[1] for case in all_cases}
    results = {case.label: {} for case in all_cases}
    for label in modules:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cg.out")
            cmd = ["valgrind", "--tool=callgrind", "--dump-before=time_sleep",
                   f"--callgrind-out-file={out}", sys.executable, __file__,
                   "--count-one", label, "--factor", str(factor), *forwarded]
            # A fixed hash seed: dict probing costs the same in every run.
            env = dict(os.environ, PYTHONHASHSEED="0")
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            dumps = sorted(glob.glob(out + ".*"), key=lambda p: int(p.rsplit(".", 1)[1]))
            totals = [dump_total(p) for p in dumps]
            expected = 3 * len(all_cases)
            if len(totals) < expected:
                raise SystemExit(f"callgrind gave {len(totals)} dumps for {label}, expected {expected}")
            totals = totals[-expected:]  # the measurement's markers are the last ones
            for i, case in enumerate(all_cases):
                if statuses[case.label][label] is None:
                    once, twice = totals[3 * i + 1], totals[3 * i + 2]
                    results[case.label][label] = (twice - once) / callgrind_n(case, factor)
        print(f"  {label}", file=sys.stderr, flush=True)
    return results, statuses


def ratio(row, label):
    value, base = row.get(label), row.get(libraries.BASELINE)
    return value / base if value is not None and base else None


def print_table(all_cases, values, statuses, unit, fmt):
    """`values`: {case label: {library: number}}; a library not measured on a case shows
    "n/a" or "wrong" (its status), explained under the table."""
    ratio_labels = [("port", "port/C"), ("port cpy", "cpy/C"), ("orjson", "orjson/C")]
    width = max(len(case.label) for case in all_cases) + 2
    head = f"{'case':{width}s}" + "".join(f"{label:>10s}" for label in libraries.LABELS)
    head += "".join(f"{name:>10s}" for _, name in ratio_labels)
    print(head)
    print("-" * len(head))
    ratios = {label: [] for label, _ in ratio_labels}
    for case in all_cases:
        row = values[case.label]
        line = f"{case.label:{width}s}"
        for label in libraries.LABELS:
            value = row.get(label)
            shown = fmt(value) if value is not None else statuses[case.label][label].split(":")[0]
            line += f"{shown:>10s}"
        for label, _ in ratio_labels:
            r = ratio(row, label)
            if r is not None:
                ratios[label].append(r)
            line += f"{f'{r:.2f}' if r is not None else 'n/a':>10s}"
        print(line)
    line = f"{'geometric mean':{width}s}" + " " * (10 * len(libraries.LABELS))
    for label, _ in ratio_labels:
        rs = ratios[label]
        line += f"{f'{math.exp(statistics.fmean(map(math.log, rs))):.2f}' if rs else 'n/a':>10s}"
    print(line)
    counted = ", ".join(f"{name} over {len(ratios[label])} of {len(all_cases)} rows"
                        for label, name in ratio_labels)
    print(f"({unit}; ratios: the library divided by C ujson, below 1 is faster; geometric means: {counted})")
    reasons = {}
    for case in all_cases:
        for label, status in statuses[case.label].items():
            if status is not None:
                reasons.setdefault((label, status), []).append(case.label)
    for (label, status), labels in reasons.items():
        print(f"{label} {status}: {'; '.join(labels) if len(labels) < len(all_cases) else 'every case'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5, help="samples per case (>= 5)")
    parser.add_argument("--factor", type=float, default=1.0,
                        help="scales every case's count (tests/benchmark.py's --factor)")
    parser.add_argument("--callgrind", action="store_true", help="count instructions instead")
    parser.add_argument("--smoke", action="store_true", help="one tiny sample: checks that it runs (CI)")
    parser.add_argument("--build-dir", required=True, help="the folder of the built port")
    parser.add_argument("--site-dir", required=True, help="the folder of C ujson and orjson")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--count-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.smoke:
        args.samples, args.factor = 1, 0.001
    elif args.samples < 5:
        parser.error("--samples must be at least 5")

    modules = libraries.load(args.build_dir, args.site_dir)
    all_cases = bench_cases.cases(os.path.join(sdist.fetch(), "tests", "sample.json"))
    if args.count_one:
        count_one(args.count_one, modules, all_cases, args.factor)
        return

    versions = {label: m.__version__ for label, m in modules.items() if label != "json"}
    report = {"machine": machine(), "versions": versions, "factor": args.factor,
              "mode": "callgrind" if args.callgrind else "time"}
    m = report["machine"]
    print(f"Python {m['python']} (its json) on {m['machine']}, {m['date']}; "
          + ", ".join(f"{label} {v}" for label, v in versions.items()))
    if args.smoke:
        print("smoke run: one tiny sample of every case, to check that it runs; the numbers mean nothing")
    if args.callgrind:
        print(f"counting instructions with callgrind, N = count × {args.factor} / {CALLGRIND_DIVISOR}",
              file=sys.stderr)
        forwarded = ["--build-dir", args.build_dir, "--site-dir", args.site_dir]
        values, statuses = callgrind_all(modules, all_cases, args.factor, forwarded)
        unit = "instructions per call"
        report["instructions_per_call"] = values
        print()
        print_table(all_cases, values, statuses, unit, lambda v: f"{v:.0f}")
    else:
        pinned = pin_to_one_core()
        print(f"timing: count × {args.factor} calls per sample, median of {args.samples}, "
              f"interleaved, {pinned}")
        samples, statuses = time_all(modules, all_cases, args.samples, args.factor)
        values = {key: {label: statistics.median(s) for label, s in per.items()}
                  for key, per in samples.items()}
        report.update(samples=args.samples, pinned=pinned, us_per_call=values, us_samples=samples)
        print()
        print_table(all_cases, values, statuses, "µs per call, median", lambda v: f"{v:.2f}")
    report["not_measured"] = {key: {label: why for label, why in s.items() if why}
                              for key, s in statuses.items()}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
        print(f"\nresults written to {args.json}")
    if any(s[port] and s[port].startswith("wrong") for s in statuses.values() for port in libraries.PORTS):
        sys.exit("the port gives other results than C ujson (above): fix it before timing it")


if __name__ == "__main__":
    main()
