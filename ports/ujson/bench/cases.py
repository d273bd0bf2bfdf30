"""The cases of ujson 6.1.0's own benchmark (tests/benchmark.py of its sdist), as data: the
same objects, built from a seeded random generator so that every process (callgrind runs one
per library) builds the very same ones, and the same call counts (per timing sample here;
tests/benchmark.py takes the best of 10 repeats of that many calls).
"""

import json
import random
import sys

USER = {
    "userId": 3381293,
    "age": 213,
    "username": "johndoe",
    "fullname": "John Doe the Second",
    "isAuthorized": True,
    "liked": 31231.31231202,
    "approval": 31.1471,
    "jobs": [1, 2],
    "currJob": None,
}
FRIENDS = [USER] * 8

UTF8_STRING = (
    "نظام الحكم سلطاني وراثي "
    "في الذكور من ذرية السيد تركي بن سعيد بن سلطان ويشترط فيمن يختار لولاية"
    " الحكم من بينهم ان يكون مسلما رشيدا عاقلا ًوابنا شرعيا لابوين عمانيين "
)


class Case:
    """One row of the table: `op` ("encode", "encode sorted" or "decode") of `obj`, `count`
    calls per sample. Decoding reads `text`, the standard json module's encoding of `obj`."""

    def __init__(self, name, op, obj, count):
        self.name, self.op, self.obj, self.count = name, op, obj, count
        self.text = json.dumps(obj) if op == "decode" else None

    @property
    def label(self):
        return f"{self.name}, {self.op}"


def doubles(rng):
    return [sys.maxsize * rng.random() for _ in range(256)]


def dicts(rng):
    return [{str(rng.random() * 20): int(rng.random() * 1000000)} for _ in range(256)]


def nested(rng):
    return {str(rng.random() * 20): dicts(rng) for _ in range(256)}


def cases(sample_json):
    """Every case, in tests/benchmark.py's order; `sample_json` is the sdist's
    tests/sample.json (the complex object)."""
    rng = random.Random(1234)
    with open(sample_json, encoding="utf-8") as f:
        complex_object = json.load(f)
    objects = [
        ("256 doubles", doubles(rng), 10000, ("encode", "decode")),
        ("256 UTF-8 strings", [UTF8_STRING] * 256, 2000, ("encode", "decode")),
        ("256 ASCII strings", ["A pretty long string which is in a list"] * 256, 10000,
         ("encode", "decode")),
        ("medium complex object", [[USER, FRIENDS]] * 6, 5000, ("encode", "decode")),
        ("256 True", [True] * 256, 50000, ("encode", "decode")),
        ("256 dict{str: int}", dicts(rng), 5000, ("encode", "decode")),
        ("256 arrays of 256 dicts", nested(rng), 50, ("encode", "decode", "encode sorted")),
        ("complex object (sample.json)", complex_object, 100, ("encode", "decode")),
    ]
    return [Case(name, op, obj, count) for name, obj, count, ops in objects for op in ops]

