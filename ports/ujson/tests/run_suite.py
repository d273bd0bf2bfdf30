"""Runs ujson 6.1.0's own test suite, tests/test_ujson.py of its sdist (sdist.py fetches
it), against the port: once in HPy universal mode and once in HPy debug mode, where the
repository's pytest plugin (tests/python/hpy_rs_pytest.py) runs every test under
`hpy.debug.LeakDetector`, and, given `--cpython-module-dir`, once against the port built for
the CPython ABI (`cargo hpy build --abi cpython`: `ujson<EXT_SUFFIX>`, no HPY, the `hpy`
package made unimportable by the plugin); then the memory check (memory_check.py) in universal
mode and in the CPython ABI. Prints the passed / failed / skipped / xfailed counts of each mode
and fails unless, in every mode, at least MIN_PASSED tests passed and none failed or errored.

    ./ports/ujson/tests/run.sh [-- PYTEST_ARGS]    # builds the port, then runs this

Arguments after `--` go to pytest, e.g. `-- -k dumps`, `-- -x`, or the sdist's own
`-- --leak-max-loops 100` (its conftest.py reruns each test until its memory plateaus; C
ujson itself fails 9 tests that way here, so it is a diagnostic, not part of the verdict).
`--reference DIR` runs the suite once, with no HPy mode, against another ujson installed in
DIR — C ujson 6.1.0 — which checks the suite and MIN_PASSED on this machine.
"""

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile

import memory_check
import sdist

# C ujson 6.1.0 passes 476 tests of its suite on CPython 3.11 (1 skipped: a free-threading
# check; 1 xfailed: a known bug of the C code). The port must pass at least as many.
MIN_PASSED = 476

# A run of the suite that takes longer than this has hung.
TIMEOUT_SECONDS = 30 * 60

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sdist.ROOT
MODES = ("universal", "debug")

# The mode of the CPython-ABI build (`HPY_RS_ABI=cpython` for the plugin; no `HPY`).
CPYTHON = "cpython"

# What hpy's loader prints (with HPY_LOG=1) when it loads the port in each mode.
LOAD_MESSAGES = {
    "universal": "Loading 'ujson' in HPy universal mode\n",
    "debug": "Loading 'ujson' in HPy universal mode with a debug context\n",
}


def environment(module_dir, mode):
    """The environment of the suite's processes and of every process they start (the suite
    runs no subprocess today, but tests that start `sys.executable` get the port too)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", RUST_BACKTRACE="0")
    env["PYTHONPATH"] = os.pathsep.join([module_dir, os.path.join(ROOT, "tests", "python"), HERE])
    env.pop("HPY_LOG", None)
    env.pop("HPY_RS_ABI", None)
    if mode in (None, CPYTHON):
        env.pop("HPY", None)
    else:
        env["HPY"] = mode
    if mode == CPYTHON:
        env["HPY_RS_ABI"] = CPYTHON
    return env


def check_loaded(module_dir, mode, env):
    """A problem if `import ujson` does not load the port from `module_dir` in `mode`."""
    code = "import ujson; print(ujson.__file__)"
    if mode == CPYTHON:
        code = "import sys; sys.modules['hpy'] = None; " + code
    probe = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(env, HPY_LOG="1"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    if probe.returncode != 0:
        return f"`import ujson` failed:\n{probe.stdout}"
    if mode in LOAD_MESSAGES and LOAD_MESSAGES[mode] not in probe.stdout:
        return f"ujson was not loaded in HPy {mode} mode (no {LOAD_MESSAGES[mode]!r}):\n{probe.stdout}"
    path = probe.stdout.strip().splitlines()[-1]
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    if mode == CPYTHON and not path.endswith(suffix):
        return f"`import ujson` loaded {path}, not a CPython-ABI extension (*{suffix})"
    if os.path.commonpath([os.path.abspath(path), module_dir]) != module_dir:
        return f"`import ujson` loaded {path}, not the ujson in {module_dir}"
    print(f"    ujson is {path}")
    return None


def run_pytest(suite, env, pytest_args):
    """Runs the suite; returns (counts, problems)."""
    fd, tally = tempfile.mkstemp(prefix="ujson-suite-", suffix=".json")
    os.close(fd)
    os.remove(tally)  # written by suite_tally.py only if pytest gets to its summary
    command = [sys.executable, "-m", "pytest", "-p", "hpy_rs_pytest", "-p", "suite_tally",
               "-p", "no:cacheprovider", "-q", "--tb=short",
               "-W", "error::pytest.PytestUnraisableExceptionWarning",
               os.path.join("tests", "test_ujson.py"), *pytest_args]
    try:
        status = subprocess.run(command, cwd=suite, env=dict(env, UJSON_SUITE_TALLY=tally),
                                timeout=TIMEOUT_SECONDS).returncode
    except subprocess.TimeoutExpired:
        return None, [f"the suite did not finish in {TIMEOUT_SECONDS} s"]
    if not os.path.exists(tally):
        return None, [f"pytest exited with status {status} before its summary (a crash?)"]
    with open(tally) as f:
        counts = json.load(f)
    os.remove(tally)
    problems = []
    if counts["passed"] < MIN_PASSED:
        problems.append(f"{counts['passed']} passed, fewer than MIN_PASSED = {MIN_PASSED}")
    if counts["failed"]:
        problems.append(f"{counts['failed']} failed")
    if counts["error"]:
        problems.append(f"{counts['error']} errors")
    if status != 0 and not problems:
        # E.g. handles still open at the end of the session in debug mode.
        problems.append(f"pytest exited with status {status}")
    return counts, problems


def describe(counts):
    return (f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped, "
            f"{counts['xfailed']} xfailed, {counts['xpassed']} xpassed, {counts['error']} errors")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--module-dir", help="the folder of the built port (ujson.hpy0.so, ujson.py)")
    parser.add_argument("--cpython-module-dir",
                        help="the folder of the port built for the CPython ABI (ujson<EXT_SUFFIX>)")
    target.add_argument("--reference", metavar="DIR",
                        help="run once, in no HPy mode, against the ujson installed in DIR")
    parser.add_argument("pytest_args", nargs="*", help="after --: more arguments for pytest")
    args = parser.parse_args()

    module_dir = os.path.abspath(args.module_dir or args.reference)
    modes = MODES if args.module_dir else (None,)
    module_dirs = dict.fromkeys(modes, module_dir)
    if args.cpython_module_dir:
        modes += (CPYTHON,)
        module_dirs[CPYTHON] = os.path.abspath(args.cpython_module_dir)
    suite = sdist.fetch()
    print(f"ujson {sdist.VERSION}'s suite from {suite}")

    results = []  # (label, counts or None, problems)
    for mode in modes:
        label = mode or "reference"
        env = environment(module_dirs[mode], mode)
        how = {None: "", CPYTHON: ", CPython ABI, HPY_RS_ABI=cpython"}.get(mode, f", HPY={mode}")
        print(f"\n==> {label}: tests/test_ujson.py{how}", flush=True)
        problem = check_loaded(module_dirs[mode], mode, env)
        if problem:
            results.append((label, None, [problem]))
            continue
        counts, problems = run_pytest(suite, env, args.pytest_args)
        if mode in (None, "universal", CPYTHON):
            print(f"\n==> {label}: memory check (each case in a process of its own)", flush=True)
            problems += memory_check.check(env)
        results.append((label, counts, problems))

    against = " and ".join(sorted(set(module_dirs.values())))
    print(f"\nujson {sdist.VERSION} suite against {against} (at least {MIN_PASSED} must pass):")
    for label, counts, problems in results:
        print(f"{label}: {describe(counts) if counts else 'no counts'}")
        for problem in problems:
            print(f"    FAILED: {problem}")
    if any(problems for _, _, problems in results):
        print("ujson suite: FAILED")
        sys.exit(1)
    print("ujson suite: passed")


if __name__ == "__main__":
    main()
