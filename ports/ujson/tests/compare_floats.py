"""Formats COUNT random doubles with the port and with C ujson 6.1.0 and reports every
difference: the full-size check behind float_cases.txt (whose 11 904 doubles the test suite
compares on every run).

Usage: python compare_floats.py SEED COUNT, with the port importable as `ujson` and C ujson
installed with `pip install --target /tmp/c-ujson ujson==6.1.0` (or in the folder given by
$C_UJSON). The doubles: random bit patterns, random values in [-1e6, 1e6], decimals rounded
to 0-7 places, and random integers scaled by powers of ten (the shapes whose shortest
digits are hardest), a quarter each.
"""
import glob
import importlib.util
import math
import os
import random
import struct
import sys


def load_c():
    folder = os.environ.get("C_UJSON", "/tmp/c-ujson")
    path = glob.glob(os.path.join(folder, "ujson*.so"))[0]
    saved = sys.modules.pop("ujson", None)
    spec = importlib.util.spec_from_file_location("ujson", path)
    c = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(c)
    # A single-phase extension module enters `sys.modules` as it loads: the port's name.
    sys.modules.pop("ujson", None)
    if saved is not None:
        sys.modules["ujson"] = saved
    return c


def doubles(rng, count):
    makers = [
        lambda: struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0],
        lambda: rng.uniform(-1e6, 1e6),
        lambda: round(rng.uniform(-1000, 1000), rng.randrange(8)),
        lambda: rng.randrange(1, 10**17) * 10.0 ** rng.randrange(-30, 30),
    ]
    for i in range(count):
        value = makers[i % 4]()
        if math.isfinite(value):
            yield value


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    c_ujson = load_c()
    import ujson as port

    assert port is not c_ujson and c_ujson.__version__ == "6.1.0"
    compared = mismatches = 0
    for value in doubles(random.Random(seed), count):
        compared += 1
        got, expected = port.dumps(value), c_ujson.dumps(value)
        if got != expected:
            mismatches += 1
            if mismatches <= 20:
                print(f"MISMATCH {value!r}: port {got}, C ujson {expected}")
    print(f"doubles compared: {compared}, mismatches: {mismatches}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
