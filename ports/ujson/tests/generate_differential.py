"""Writes differential_cases.jsonl: random inputs and what C ujson 6.1.0 returns for each.

Usage: python generate_differential.py SEED COUNT [OUT.jsonl], with C ujson installed with
`pip install --target /tmp/c-ujson ujson==6.1.0` (or in the folder given by $C_UJSON) and the
port importable as `ujson` (it is compared too, and mismatches printed).
"""
import random, sys, json, os
import importlib.util, glob
def load_c():
    path = glob.glob(os.path.join(os.environ.get("C_UJSON", "/tmp/c-ujson"), "ujson*.so"))[0]
    saved = sys.modules.pop("ujson", None)
    spec = importlib.util.spec_from_file_location("ujson", path)
    c = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(c)
    if saved is not None: sys.modules["ujson"] = saved
    else: sys.modules.pop("ujson", None)
    return c
C = load_c()
import ujson as R
def outcome(mod, data):
    try:
        v = mod.loads(data)
        return ("ok", type(v).__name__, repr(v))
    except Exception as e:
        return ("err", type(e).__name__, str(e))
rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
seeds = [b'{"a": [1, 2.5, -3e10, true, false, null], "b": {"c": "d\\u00e9\\ud83d\\ude00"}}',
         b'[1.0, -0, -0.0, 1e400, -1e400, 1E-400, 12345678901234567890123, -9223372036854775809]',
         b'["\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\\ud800", "\\udc00\\ud800x", "a\\/b\\b\\f\\n\\r\\t"]',
         b'NaN', b'Infinity', b'-Infinity', b'[NaN,Infinity,-Infinity]', b'0.1', b'1.', b'-.5', b'  {"k" : 1 , "k":2}  ',
         b'123456789012345678901234567890.123456789e-5', b'2.2250738585072011e-308', b'4.9e-324',
         b'1.7976931348623157e308', b'1.7976931348623159e308', b'[[[[]]]]', b'{"a":{"b":{"c":[]}}}',
         b'"\\u0000"', b'"\x01\x1f"', b'[1,]', b'{"a":1,}', b'{1:2}', b'{["a"]:1}', b'{[]:1}', b'{{"a":"b"}:1, "x": 2}',
         b'"\xed\xa0\x80\xed\xb0\x80"', b'"\xc0\x80"', b'"\xe0\x80\x80"', b'"\xf0\x80\x80\x80"', b'"\xf4\x90\x80\x80"', b'"\xf8"',
         b'0e5', b'-0e5', b'00012', b'-', b'-N', b'1e+', b'1e-5x', b'[1.e5]', b'[-.]', b'[-e]', b'true', b'nul', b'tru']
alphabet = b'{}[]:,"\\ -+.eE0123456789aeflnrstuINfy\x00\x80\xc3\xa9\xed\xf0\x9f\xff\n\t/bu'
def mutate(b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if op < 0.3 and b:
            del b[rng.randrange(len(b))]
        elif op < 0.6:
            b.insert(rng.randint(0, len(b)), rng.choice(alphabet))
        elif op < 0.8 and b:
            b[rng.randrange(len(b))] = rng.choice(alphabet)
        else:
            i = rng.randint(0, len(b)); j = rng.randint(i, len(b))
            b[i:i] = b[i:j]
    return bytes(b)
def gen_number():
    s = rng.choice(["", "-"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 30)))
    if rng.random() < 0.5: s += "." + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 25)))
    if rng.random() < 0.4: s += rng.choice("eE") + rng.choice(["", "+", "-"]) + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 4)))
    return s.encode()
def gen_random_float():
    import struct
    x = struct.unpack("d", rng.getrandbits(64).to_bytes(8, "little"))[0]
    return repr(x).encode() if rng.random() < 0.5 else ("%.*e" % (rng.randint(0, 25), x)).encode()
cases = []
for i in range(N):
    r = rng.random()
    if r < 0.45: b = mutate(rng.choice(seeds))
    elif r < 0.65: b = gen_number()
    elif r < 0.75: b = gen_random_float()
    elif r < 0.85: b = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
    else: b = b'[' + b','.join(gen_number() for _ in range(3)) + b']'
    kind = rng.random()
    if kind < 0.6: data = b
    elif kind < 0.8:
        data = b.decode("utf-8", "surrogateescape")  # str with lone surrogates sometimes
    else: data = bytearray(b)
    cases.append(data)
bad = 0
out = []
for d in cases:
    c, r = outcome(C, d), outcome(R, d)
    if c != r:
        bad += 1
        if bad <= 15: print("MISMATCH", repr(d), c, r)
    out.append((d, c))
print("cases", len(cases), "mismatches", bad)
if len(sys.argv) > 3:
    def enc(d):
        if isinstance(d, str): return {"str": d}
        return {"bytes": d.hex(), "type": type(d).__name__}
    with open(sys.argv[3], "w") as f:
        for d, c in out:
            f.write(json.dumps({"input": enc(d), "expect": list(c)}) + "\n")
