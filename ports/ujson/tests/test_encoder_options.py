"""Encoder behaviours of C ujson 6.1.0 that its own test suite does not pin down (each
expectation observed on C ujson 6.1.0)."""

import collections
import decimal

import pytest

import ujson


class Key:
    def __str__(self):
        return "k"


@pytest.mark.parametrize(
    "obj, kwargs, expected",
    [
        ({1: 2, 1.5: 3, None: 4, False: 5, b"x": 6, (1, 2): 7, Key(): 8}, {},
         '{"1":2,"1.5":3,"null":4,"false":5,"x":6,"(1, 2)":7,"k":8}'),
        ([1, {"a": []}], {"indent": 2}, '[\n  1,\n  {\n    "a": []\n  }\n]'),
        ({"a": 1}, {"indent": -5}, '{"a": 1}'),
        ({"a": [1, 2]}, {"separators": (", ", " : "), "indent": 1},
         '{\n "a" : [\n  1, \n  2\n ]\n}'),
        ("\ud800\U0001f600</>&", {}, '"\\ud800\\ud83d\\ude00<\\/>&"'),
        ("\ud800</>&", {"ensure_ascii": False, "encode_html_chars": True,
                        "escape_forward_slashes": False}, '"\ud800\\u003c/\\u003e\\u0026"'),
        (2**64, {}, "18446744073709551616"),
        (-(2**63) - 1, {}, "-9223372036854775809"),
        (decimal.Decimal("1.5"), {}, "1.5"),
        (collections.OrderedDict([(2, 1), (1, 2)]), {"sort_keys": True}, '{"1":2,"2":1}'),
    ],
)
def test_output(obj, kwargs, expected):
    assert ujson.dumps(obj, **kwargs) == expected


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: ujson.dumps(), TypeError, "function missing required argument 'obj' (pos 1)"),
        (lambda: ujson.dumps(1, foo=1), TypeError,
         "'foo' is an invalid keyword argument for this function"),
        (lambda: ujson.dumps(1, obj=1), TypeError,
         "argument for function given by name ('obj') and position (1)"),
        (lambda: ujson.dumps(*range(11)), TypeError,
         "function takes at most 10 arguments (11 given)"),
        (lambda: ujson.dump(1), TypeError, "function takes exactly 2 arguments (1 given)"),
        (lambda: ujson.dumps(1, indent=2**31), OverflowError,
         "signed integer is greater than maximum"),
        (lambda: ujson.dumps(1, indent=2**64), OverflowError,
         "Python int too large to convert to C long"),
        (lambda: ujson.dumps(1, indent=1.5), TypeError,
         "'float' object cannot be interpreted as an integer"),
        (lambda: ujson.dumps(1, indent=1001), ValueError, "Maximum allowed indentation is 1000"),
        (lambda: ujson.dumps(1, separators=[",", ":"]), TypeError,
         "expected tuple or None as separator"),
        (lambda: ujson.dumps(b"\xc3", reject_bytes=False), OverflowError,
         "Unterminated UTF-8 sequence when encoding string"),
        (lambda: ujson.dumps(decimal.Decimal("sNaN")), ValueError,
         "cannot convert signaling NaN to float"),
    ],
)
def test_errors(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


@pytest.mark.parametrize("depth, ok", [(1024, True), (1025, False)])
def test_depth_limit(depth, ok):
    obj = 1
    for _ in range(depth):
        obj = {"k": obj}
    if ok:
        ujson.dumps(obj)
    else:
        with pytest.raises(OverflowError, match="Maximum recursion level reached"):
            ujson.dumps(obj)


def test_mutation_during_encoding():
    # default() empties the containers being encoded: no crash, the items already read stay.
    data = {"a": None, "b": None}
    items = [None, None, None]

    def default(obj):
        data.clear()
        items.clear()
        return 0

    assert ujson.dumps([items, object(), data], default=default) is not None
    assert ujson.dumps({"x": object(), "y": 1, "z": 2}, default=lambda o: data.clear())
