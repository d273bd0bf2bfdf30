"""Times the board workload (board.py) against every backend — picoarray (hpy-rs, HPy
universal mode, and the same crate built for the CPython ABI), the C-API baseline (capi_array.c), the same array hand-written in C against
HPy's universal ABI (hpy_array.c: what HPy itself costs), numpy and a pure-Python list-based
array — interleaved, and prints the median of each and its ratio to the C-API baseline.

    ./bench/picoarray/run.sh [--repeat N | --smoke]
"""

import argparse
import importlib.machinery
import importlib.util
import os
import platform
import statistics
import sys
import sysconfig
import time

import board

SIZES = [(10, 200), (100, 2000)]


def cpython_abi_picoarray():
    """picoarray built for the CPython ABI (`cargo hpy build --abi cpython`, run.sh puts it in
    the folder `cpython`): another file than the universal build, loaded by CPython's own
    loader under the same module name."""
    folder = os.environ["PICOARRAY_CPYTHON_DIR"]
    path = os.path.join(folder, "picoarray" + sysconfig.get_config_var("EXT_SUFFIX"))
    loader = importlib.machinery.ExtensionFileLoader("picoarray", path)
    spec = importlib.util.spec_from_file_location("picoarray", path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def backends():
    import capi_array
    import hpy_array
    import numpy
    import picoarray
    import purepy_array

    return {
        "picoarray (hpy-rs)": picoarray.array,
        "picoarray CPython ABI": cpython_abi_picoarray().array,
        "C-API array": capi_array.array,
        "HPy array (C)": hpy_array.array,
        "numpy": numpy.array,
        "pure Python": purepy_array.array,
    }


def check_agreement(benches, n_sleds, n_time):
    """Every backend must compute the same final states (up to rounding)."""
    results = {name: bench(n_sleds, n_time) for name, bench in benches.items()}
    reference = results["C-API array"]
    for name, finals in results.items():
        for a, b in zip(finals, reference):
            for x, y in zip(a, b):
                if abs(float(x) - float(y)) > 1e-9 * max(1.0, abs(float(y))):
                    sys.exit(f"{name} disagrees with the C-API array: {a} != {b}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per size (>= 5)")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes, one repetition: checks that the benchmark runs (CI)")
    args = parser.parse_args()
    if args.smoke:
        args.repeat, sizes = 1, [(2, 10)]
    elif args.repeat < 5:
        parser.error("--repeat must be at least 5")
    else:
        sizes = SIZES

    benches = {name: board.make(array) for name, array in backends().items()}
    check_agreement(benches, 3, 50)
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{args.repeat} repetitions, interleaved; median times")
    for n_sleds, n_time in sizes:
        times = {name: [] for name in benches}
        for name, bench in benches.items():
            bench(n_sleds, max(1, n_time // 10))  # warm up
        for _ in range(args.repeat):
            for name, bench in benches.items():
                start = time.perf_counter()
                bench(n_sleds, n_time)
                times[name].append(time.perf_counter() - start)
        baseline = statistics.median(times["C-API array"])
        print(f"\nn_sleds={n_sleds}, n_time={n_time}")
        print(f"  {'backend':20s} {'median (ms)':>12s} {'vs C-API':>9s} {'spread':>8s}")
        for name, samples in times.items():
            median = statistics.median(samples)
            spread = (max(samples) - min(samples)) / median
            print(f"  {name:20s} {median * 1e3:12.2f} {median / baseline:8.2f}x {spread:7.0%}")


if __name__ == "__main__":
    main()
