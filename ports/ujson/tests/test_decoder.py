"""Decoder checks beyond ujson's own suite.

`differential_cases.jsonl` holds inputs (mutated JSON, random numbers, random bytes; as
bytes, str with lone surrogates, and bytearray) with what C ujson 6.1.0 returned for each:
``["ok", type, repr(result)]`` or ``["err", exception type, message]``. It was written by
`generate_differential.py` against C ujson, so these tests need no C ujson.
"""

import array
import io
import json
import os
import sys

import pytest
import ujson

HERE = os.path.dirname(os.path.abspath(__file__))


def outcome(data):
    try:
        value = ujson.loads(data)
        return ["ok", type(value).__name__, repr(value)]
    except Exception as e:  # noqa: BLE001 - the type is part of the outcome
        return ["err", type(e).__name__, str(e)]


def decode_input(spec):
    if "str" in spec:
        return spec["str"]
    data = bytes.fromhex(spec["bytes"])
    return bytearray(data) if spec["type"] == "bytearray" else data


def test_differential_against_c_ujson():
    mismatches = []
    with open(os.path.join(HERE, "differential_cases.jsonl")) as f:
        for line in f:
            case = json.loads(line)
            data = decode_input(case["input"])
            got = outcome(data)
            if got != case["expect"]:
                mismatches.append((data, case["expect"], got))
    assert mismatches == []


@pytest.mark.parametrize("depth, ok", [(1024, True), (1025, False)])
def test_depth_limit(depth, ok):
    for doc in ["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth]:
        if ok:
            ujson.loads(doc)
        else:
            with pytest.raises(ujson.JSONDecodeError, match="^Reached object decoding depth limit$"):
                ujson.loads(doc)


def test_unclosed_deep_nesting_does_not_crash():
    with pytest.raises(ujson.JSONDecodeError):
        ujson.loads("[" * 1_000_000)


def test_big_ints_exact():
    for text in ["18446744073709551615", "18446744073709551616", "-9223372036854775808",
                 "-9223372036854775809", "1" * 300, "-" + "9" * 400]:
        assert ujson.loads(text) == int(text)
    assert ujson.loads("-0") == 0 and ujson.loads("-") == 0


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="no int digit limit")
def test_int_digit_limit_is_pythons():
    limit = sys.get_int_max_str_digits()
    with pytest.raises(ValueError) as error:
        int("1" * (limit + 1))
    with pytest.raises(ValueError) as ours:
        ujson.loads("1" * (limit + 1))
    assert str(ours.value) == str(error.value)


def test_floats_correctly_rounded():
    for text in ["0.1", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308",
                 "123456789012345678901234567890.123456789e-5", "9007199254740993.0",
                 "0." + "0" * 400 + "1e400"]:
        assert ujson.loads(text) == float(text)
    assert ujson.loads("1E400") == float("inf")
    assert str(ujson.loads("-0.0")) == "-0.0"


def test_strings_surrogates_and_nul():
    assert ujson.loads('"\ud800"') == "\ud800"
    assert ujson.loads(b'"\xed\xa0\x80\xed\xb0\x80"') == "\ud800\udc00"
    assert ujson.loads('"\\ud83d\\ude00"') == "\U0001f600"
    assert ujson.loads('"\\u0000"') == "\x00"
    with pytest.raises(ujson.JSONDecodeError, match="^Unmatched"):
        ujson.loads('"a\x00b"')
    with pytest.raises(ujson.JSONDecodeError, match="^Trailing data$"):
        ujson.loads(b"[1]\x00")


def test_input_types():
    class S(str): pass
    class B(bytes): pass
    class BA(bytearray): pass
    assert ujson.loads(S("[1]")) == [1]
    assert ujson.loads(B(b"[2]")) == [2]
    assert ujson.loads(BA(b"[3]")) == [3]
    arbitrary = "Arbitrary bytes-like objects are no longer supported. Use either string, bytes, or bytearray."
    for obj in [memoryview(b"[1]"), array.array("b", b"[1]")]:
        with pytest.raises(TypeError) as error:
            ujson.loads(obj)
        assert str(error.value) == arbitrary
    for obj in [1, None, [1], memoryview(b"[1,2]")[::2]]:
        with pytest.raises(TypeError, match="^Expected string, bytes, or bytearray$"):
            ujson.loads(obj)


def test_unhashable_keys():
    with pytest.raises(ujson.JSONDecodeError, match="^Invalid JSON: object keys must be strings$"):
        ujson.loads('{["a"]: 1}')
    with pytest.raises(ujson.JSONDecodeError, match="^Key name of object must be 'string' when decoding 'object'$"):
        ujson.loads("{[]: 1}")


@pytest.mark.parametrize("call, message", [
    (lambda: ujson.loads(), "function missing required argument 'obj' (pos 1)"),
    (lambda: ujson.loads("1", "2"), "function takes at most 1 argument (2 given)"),
    (lambda: ujson.loads(x=1), "function missing required argument 'obj' (pos 1)"),
    (lambda: ujson.decode("1", obj=1), "function takes at most 1 argument (2 given)"),
    (lambda: ujson.load(), "function takes exactly 1 argument (0 given)"),
    (lambda: ujson.load(1, 2), "function takes exactly 1 argument (2 given)"),
    (lambda: ujson.load(fp=1), "function takes exactly 1 argument (0 given)"),
    (lambda: ujson.load(io.StringIO("[]"), x=1), "function takes at most 1 argument (2 given)"),
    (lambda: ujson.load(object()), "expected file"),
])
def test_argument_errors(call, message):
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value) == message


def test_keyword_and_load():
    assert ujson.loads(obj="[1]") == [1]
    assert ujson.load(io.StringIO('{"a": [1, 2.5]}')) == {"a": [1, 2.5]}
    assert ujson.load(io.BytesIO(b"[true]")) == [True]
