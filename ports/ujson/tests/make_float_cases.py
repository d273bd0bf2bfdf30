"""Regenerates float_cases.txt from C ujson 6.1.0 (run with C ujson importable as `ujson`).

Each line: the double's IEEE bits in hex, then C ujson's `dumps` of it.
"""

import math
import pathlib
import random
import struct
import sys

import ujson

assert ujson.__version__ == "6.1.0" and ujson.__file__.endswith(".so")
rng = random.Random(20240518)
values = [struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0] for _ in range(6000)]
values += [rng.uniform(-1e6, 1e6) for _ in range(2000)]
values += [round(rng.uniform(-1000, 1000), rng.randrange(8)) for _ in range(2000)]
values += [float(f"{m}e{e}") for e in range(-324, 309) for m in (1, 5, 9.999999999999999) if math.isfinite(float(f"{m}e{e}"))]
values += [0.0, -0.0, 5e-324, sys.float_info.max, sys.float_info.min, sys.float_info.epsilon,
           2.0**53, 2.0**63, 2.0**64, 1e15, 1e16, 1e-4, 1e-5, 0.1, 1.0, 123456789012345680.0]
with open(pathlib.Path(__file__).with_name("float_cases.txt"), "w") as f:
    for v in values:
        if math.isfinite(v):
            f.write(f"{struct.pack('<d', v).hex()} {ujson.dumps(v)}\n")
