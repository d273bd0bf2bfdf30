"""Runs the micro-benchmarks: every operation of ops.py on every variant, in one process.

    ./bench/micro/run.sh [--n N] [--samples S] [--callgrind] [--json PATH]

Timing mode (default): for each operation, each sample runs every variant once in a
shuffled order (so drift on a noisy machine hits every variant alike), N calls per sample;
the table gives the median ns per call, loop included, and ratios. Instruction mode
(--callgrind): each variant runs under valgrind's callgrind in its own process; instructions
per call are (count of 2N calls - count of N calls) / N, which is exact and repeatable.
"""

import argparse
import glob
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time

import ops

HERE = os.path.dirname(os.path.abspath(__file__))


def pin_to_one_core():
    """Pins the process to its last allowed CPU, where possible; says which."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"pinned to CPU {cpus[-1]}"
    except (AttributeError, OSError):
        return "not pinned"


def time_all(variants, n, samples, keep_n):
    """{op: {label: [ns per call, one per sample]}}."""
    results = {}
    rng = random.Random(42)
    for key, _, stmt in ops.OPERATIONS:
        count = keep_n if key.startswith("keep_") else n
        runs = {label: ops.runner(key, stmt, module) for label, module in variants.items()}
        for run in runs.values():
            run(max(1, count // 100))  # warm up
        per_call = {label: [] for label in runs}
        for _ in range(samples):
            order = list(runs)
            rng.shuffle(order)
            for label in order:
                start = time.perf_counter_ns()
                kept = runs[label](count)
                per_call[label].append((time.perf_counter_ns() - start) / count)
                del kept
        results[key] = per_call
        print(f"  {key}", file=sys.stderr, flush=True)
    return results


def count_one_variant(label, build_dir, n):
    """Runs inside callgrind: a `time.sleep(0)` marker (a callgrind dump, see
    `--dump-before`) before each operation, after N calls and after 2N more."""
    module = ops.load(label, dict(ops.VARIANTS)[label], build_dir)
    ops.check(module)
    runs = [(key, ops.runner(key, stmt, module)) for key, _, stmt in ops.OPERATIONS]
    for _, run in runs:
        run(2)  # warm up: first-call costs (attribute caches, specialisation) are not counted
    for _, run in runs:
        time.sleep(0)
        run(n)
        time.sleep(0)
        run(2 * n)
        time.sleep(0)


def callgrind_all(labels, build_dir, n):
    """{op: {label: instructions per call}}, one valgrind process per variant."""
    results = {key: {} for key, _, _ in ops.OPERATIONS}
    for label in labels:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cg.out")
            cmd = ["valgrind", "--tool=callgrind", "--dump-before=time_sleep",
                   f"--callgrind-out-file={out}", sys.executable, __file__,
                   "--count-one", label, "--build-dir", build_dir, "--n", str(n)]
            # A fixed hash seed: dict probing (globals, attribute lookups) then costs the
            # same in every run.
            env = dict(os.environ, PYTHONHASHSEED="0")
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env)
            dumps = sorted(glob.glob(out + ".*"), key=lambda p: int(p.rsplit(".", 1)[1]))
            totals = [dump_total(p) for p in dumps]
            expected = 3 * len(ops.OPERATIONS)
            if len(totals) < expected:
                raise SystemExit(f"callgrind gave {len(totals)} dumps for {label}, expected "
                                 f"{expected}: is `time_sleep` a symbol of this Python?")
            totals = totals[-expected:]  # the measurement phase's markers are the last ones
            for i, (key, _, _) in enumerate(ops.OPERATIONS):
                once, twice = totals[3 * i + 1], totals[3 * i + 2]
                results[key][label] = (twice - once) / n
        print(f"  {label}", file=sys.stderr, flush=True)
    return results


def dump_total(path):
    """The instruction count of one callgrind dump."""
    with open(path) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit(f"no totals in {path}")


def ratio(results, key, label, base):
    a, b = results[key].get(label), results[key].get(base)
    return f"{a / b:.2f}" if a is not None and b else "-"


# The ratio columns: (heading, the variant divided, the variant it is divided by). The universal
# build is compared with C HPy (the same ABI) and the C-API; the CPython-ABI build with the
# C-API (the target: at most 1.05) and PyO3.
RATIOS = [
    ("rs/C HPy", "hpy-rs", "C HPy"),
    ("rs/C-API", "hpy-rs", "C-API"),
    ("rs/PyO3", "hpy-rs", "PyO3"),
    ("cpy/C-API", "hpy-rs CPython ABI", "C-API"),
    ("cpy/PyO3", "hpy-rs CPython ABI", "PyO3"),
]


def print_table(results, labels, unit, describe):
    width = max(len(label) for label in labels) + 1
    head = f"{'operation':32s}" + "".join(f"{label:>{max(width, 9)}s}" for label in labels)
    head += "".join(f"{heading:>11s}" for heading, _, _ in RATIOS)
    print(head)
    print("-" * len(head))
    for key, what, _ in ops.OPERATIONS:
        row = f"{what[:31]:32s}"
        for label in labels:
            value = results[key].get(label)
            row += f"{describe(value):>{max(width, 9)}s}"
        for _, label, base in RATIOS:
            row += f"{ratio(results, key, label, base):>11s}"
        print(row)
    print(f"({unit}; ratios: rs = hpy-rs (universal ABI), cpy = hpy-rs built for the CPython "
          "ABI, divided by the column's variant; lower is better for hpy-rs)")


def machine():
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "processor": platform.processor() or "unknown",
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2_000_000, help="calls per sample")
    parser.add_argument("--samples", type=int, default=5, help="samples per operation (>= 5)")
    parser.add_argument("--keep-n", type=int, default=None,
                        help="objects per sample for the keep_* rows (default: N)")
    parser.add_argument("--callgrind", action="store_true", help="count instructions instead")
    parser.add_argument("--smoke", action="store_true", help="tiny N, one sample (CI)")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--only", help="comma-separated column labels to run (default: all)")
    parser.add_argument("--build-dir", default=os.environ.get("MICRO_BUILD_DIR", "."))
    parser.add_argument("--build-cost", help="a JSON file of build costs to print and include")
    parser.add_argument("--count-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_one:
        count_one_variant(args.count_one, args.build_dir, args.n)
        return
    if args.smoke:
        args.n, args.samples, args.keep_n = 200, 1, 200
    elif args.samples < 5:
        parser.error("--samples must be at least 5")
    keep_n = args.keep_n or args.n

    labels = [label for label, _ in ops.VARIANTS]
    if args.only:
        labels = [label for label in labels if label in args.only.split(",")]
    variants = {label: ops.load(label, name, args.build_dir)
                for label, name in ops.VARIANTS if label in labels}
    for module in variants.values():
        ops.check(module)
    report = {"machine": machine(), "mode": "callgrind" if args.callgrind else "time"}

    if args.callgrind:
        n = 200 if args.smoke else min(args.n, 20_000)
        print(f"counting instructions with callgrind, N = {n}", file=sys.stderr)
        results = callgrind_all(labels, args.build_dir, n)
        report.update(n=n, instructions_per_call=results)
        print_table(results, labels, "instructions per call, loop included",
                    lambda v: "-" if v is None else f"{v:.0f}")
    else:
        pinned = pin_to_one_core()
        print(f"timing: N = {args.n} calls per sample ({keep_n} objects for keep_*), "
              f"median of {args.samples}, {pinned}", file=sys.stderr)
        results = time_all(variants, args.n, args.samples, keep_n)
        medians = {key: {label: statistics.median(s) for label, s in per.items()}
                   for key, per in results.items()}
        report.update(n=args.n, keep_n=keep_n, samples=args.samples, pinned=pinned,
                      ns_per_call=medians, ns_samples=results)
        m = report["machine"]
        print(f"\nPython {m['python']} on {m['machine']}, {m['date']}; N = {args.n}, "
              f"median of {args.samples}, {pinned}\n")
        print_table(medians, labels, "ns per call, loop included",
                    lambda v: "-" if v is None else f"{v:.1f}")

    if args.build_cost:
        with open(args.build_cost) as f:
            cost = json.load(f)
        report["build_cost"] = cost
        print("\nbuild cost (cold release build of the module's crate and its dependencies; "
              "stripped size; 'Rust floor': a library with one function that catches panics)")
        for label, entry in cost.items():
            print(f"  {label:20s} {entry['cold_build_s']:6.1f} s  {entry['stripped_bytes'] / 1024:7.0f} KiB")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
        print(f"\nresults written to {args.json}")


if __name__ == "__main__":
    main()
