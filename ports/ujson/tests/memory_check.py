"""The memory check of the suite runner: encoding and decoding representative payloads over
and over must not grow memory. Each case runs growth.py (ujson's tests/memory.py pattern,
judged on growth across rounds of calls; see there) in a process of its own.

A case is the code growth.py executes, after SETUP: it defines `func`, the call repeated.
"""

import os
import subprocess
import sys

import growth

# Executed first by every case. The texts to decode come from the standard json module, so
# they are right whatever the port does.
SETUP = """\
import functools, io, json, os, ujson
DOC = {"name": "ujson", "unicode": "h\\u00e9llo \\u65e5\\u672c \\U0001f600", "int": 12345678901234,
       "big": 2**70, "neg": -17, "float": 3.14159, "true": True, "false": False, "none": None,
       "list": [1, 2.5, "three", [4, {"five": 5}]], "tuple": (1, 2),
       "nested": {"a": {"b": {"c": [None, "/</>&", ""]}}}}
TEXT = json.dumps(DOC)
Reader = type("Reader", (), {"read": lambda self: TEXT})
"""

# (what, the expression that is `func`, what it does: growth.py's EXPECTED)
CASES = [
    ("dumps a mixed document", "functools.partial(ujson.dumps, DOC)", "returns"),
    ("dumps with sort_keys, indent, ensure_ascii=False, escape_forward_slashes=False",
     "functools.partial(ujson.dumps, DOC, sort_keys=True, indent=4, ensure_ascii=False, "
     "escape_forward_slashes=False)", "returns"),
    ("dumps calling default= on objects it cannot encode",
     "functools.partial(ujson.dumps, {'x': [object(), object()]}, default=repr)", "returns"),
    ("dumps failing (bytes rejected after a long string)",
     "functools.partial(ujson.dumps, ['a' * 11000, b''])", "TypeError"),
    ("dump to a file", "functools.partial(ujson.dump, DOC, open(os.devnull, 'w'))", "returns"),
    ("loads a str", "functools.partial(ujson.loads, TEXT)", "returns"),
    ("loads bytes", "functools.partial(ujson.loads, TEXT.encode())", "returns"),
    ("loads failing (truncated text)", "functools.partial(ujson.loads, TEXT[:-7])", "ValueError"),
    ("load from a file", "functools.partial(ujson.load, Reader())", "returns"),
]

# Calls per round of growth.py: a leak of growth.RSS_LIMIT / (4 × CALLS) = 26 bytes per call
# or more fails on the RSS side.
CALLS = 10000


def check(env):
    """Runs every case in `env` (whose PYTHONPATH imports the ujson to check); prints one line
    per case and returns the problems ("memory grew: <case>", "could not run the memory
    check: <case>", which includes a call that does not return or raise as the case says)."""
    failures = []
    for what, func, expected in CASES:
        command = [sys.executable, growth.__file__, f"{SETUP}func = {func}", str(CALLS), expected]
        run = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
        verdict = {0: "ok", growth.GREW: "GREW"}.get(run.returncode, "ERROR")
        print(f"  {verdict:5s} {what}", flush=True)
        if run.returncode != 0:
            output = run.stdout.strip() or f"exit status {run.returncode}"
            print("\n".join(f"        {line}" for line in output.splitlines()))
            problem = "memory grew" if verdict == "GREW" else "could not run the memory check"
            failures.append(f"{problem}: {what}")
    return failures
