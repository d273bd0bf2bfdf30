"""Fails if calling a function over and over makes memory grow: ujson's tests/memory.py
pattern, judged on growth across rounds of calls rather than on any difference.

    python growth.py CODE N EXPECTED

As for memory.py, CODE is executed and defines `func`; exceptions `func` raises are
ignored, once its first call has shown that it does what EXPECTED says: `returns`, or the
name of the built-in exception class it raises (a check of a call that fails where it
should not would pass without measuring anything). After a warm-up of N calls, `func` is called ROUNDS × N more times, and the
process exits with status GREW if, over those calls, either grew by more than its limit
(any other failure, such as CODE raising, is a traceback and status 1):

- the memory tracemalloc traces (Python objects and every Python allocator), by more than
  TRACED_LIMIT bytes — a leaked object, or a kept reference, per call or more;
- the resident set size, by more than RSS_LIMIT bytes — memory tracemalloc does not see
  (the Rust heap, malloc); a leak of RSS_LIMIT / (ROUNDS × N) bytes per call or more.

A difference that stays bounded is no leak: the interpreter's free lists and caches keep a
few dozen objects whichever way the calls go (which memory.py's zero-difference verdict
reports for C ujson itself on payloads that call back into Python or raise).
Linux only (/proc/self/statm).
"""

import builtins
import gc
import os
import sys
import tracemalloc

ROUNDS = 4
GREW = 3
TRACED_LIMIT = 64 << 10
RSS_LIMIT = 1 << 20


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def call(func, n):
    for _ in range(n):
        try:
            func()
        except Exception:
            pass
    gc.collect()


def main():
    exec_globals = {}
    exec(sys.argv[1], exec_globals)
    func = exec_globals["func"]
    n = int(sys.argv[2])
    try:
        func()
        raised = None
    except Exception as e:  # noqa: BLE001 - compared with what the case expects
        raised = e
    expected = sys.argv[3]
    if expected == "returns" and raised is not None:
        sys.exit(f"func was expected to return, but raised {raised!r}")
    if expected != "returns" and not isinstance(raised, getattr(builtins, expected)):
        sys.exit(f"func was expected to raise {expected}, but "
                 f"{'raised ' + repr(raised) if raised else 'returned'}")

    tracemalloc.start()
    call(func, n)
    traced, rss = [tracemalloc.get_traced_memory()[0]], [resident_bytes()]
    for _ in range(ROUNDS):
        call(func, n)
        traced.append(tracemalloc.get_traced_memory()[0])
        rss.append(resident_bytes())
    failed = False
    for what, sizes, limit in (("traced memory", traced, TRACED_LIMIT), ("RSS", rss, RSS_LIMIT)):
        growth = [size - sizes[0] for size in sizes[1:]]
        if growth[-1] > limit:
            print(f"{what} grew by {growth[-1]} bytes in {ROUNDS} × {n} calls after a warm-up "
                  f"(limit {limit}; after each round: {growth})")
            failed = True
    sys.exit(GREW if failed else 0)


if __name__ == "__main__":
    main()
