"""Wrapping integer conversions, `inplace_pow`, `is_number`, and the str/bytes codecs of the
safe API (HPy's masking conversions, `HPy_InPlacePower`, `HPyNumber_Check`,
`HPyUnicode_As*String`, `FromEncodedObject`, `DecodeLatin1`, `Substring`, `HPy_Bytes`). Run in
universal and debug mode (under LeakDetector)."""

import array
import fractions

import pytest

import roundtrip


@pytest.mark.parametrize("bits, signed, rust_type", [
    (8, False, "u8"), (8, True, "i8"), (16, False, "u16"), (32, True, "i32"),
    (32, False, "u32"), (64, False, "u64"), (64, True, "i64"), (64, False, "usize"),
])
def test_wrapping_reduces_modulo_two_to_the_bits(bits, signed, rust_type):
    def c_cast(x):
        x %= 2**bits
        return x - 2**bits if signed and x >= 2 ** (bits - 1) else x

    for x in (0, 1, -1, 255, 256, -129, 2**31, -(2**31) - 1, 2**63, 2**64 + 3, -(2**100) + 7, 10**40):
        assert roundtrip.wrapping(x, rust_type) == c_cast(x), x
    assert roundtrip.wrapping(True, rust_type) == 1


class Index:
    def __index__(self):
        return -2


class IntOnly:
    def __int__(self):
        return 3


def test_wrapping_takes_index_but_not_int_or_float():
    assert roundtrip.wrapping(Index(), "u8") == 254
    with pytest.raises(TypeError, match="must be int, not IntOnly"):
        roundtrip.wrapping(IntOnly(), "u64")
    with pytest.raises(TypeError, match="must be int, not float"):
        roundtrip.wrapping(1.0, "u32")


def test_inplace_pow():
    assert roundtrip.inplace_pow(3, 4) == 81
    assert roundtrip.inplace_pow(2.0, 0.5) == 2.0**0.5

    class Accumulator:
        def __init__(self):
            self.value = 2

        def __ipow__(self, e):
            self.value **= e
            return self

    acc = Accumulator()
    assert roundtrip.inplace_pow(acc, 3) is acc and acc.value == 8
    with pytest.raises(TypeError):
        roundtrip.inplace_pow("a", 2)


def test_is_number():
    for number in (1, 1.5, 2j, True, fractions.Fraction(1, 3), Index(), IntOnly()):
        assert roundtrip.is_number(number)
    for other in ("1", b"1", None, [], object()):
        assert not roundtrip.is_number(other)


def test_encode():
    assert roundtrip.encode("héllo", "utf-8") == "héllo".encode()
    assert roundtrip.encode("hello", "ascii") == b"hello"
    assert roundtrip.encode("héllo", "latin-1") == b"h\xe9llo"
    with pytest.raises(UnicodeEncodeError):
        roundtrip.encode("héllo", "ascii")
    with pytest.raises(UnicodeEncodeError):
        roundtrip.encode("€", "latin-1")
    with pytest.raises(UnicodeEncodeError):
        roundtrip.encode("\ud800", "utf-8")
    with pytest.raises(TypeError):
        roundtrip.encode(b"bytes", "utf-8")


def test_decode():
    assert roundtrip.decode("héllo".encode()) == "héllo"
    assert roundtrip.decode(b"h\xe9llo", "latin-1") == "héllo"
    assert roundtrip.decode(bytearray(b"abc"), "ascii") == "abc"
    assert roundtrip.decode(memoryview(b"xyz")) == "xyz"
    assert roundtrip.decode(b"a\xffb", "utf-8", "replace") == "a\ufffdb"
    with pytest.raises(UnicodeDecodeError):
        roundtrip.decode(b"\xff")
    with pytest.raises(LookupError, match="unknown encoding"):
        roundtrip.decode(b"a", "no-such-codec")
    with pytest.raises(TypeError, match="decoding str is not supported"):
        roundtrip.decode("text")
    with pytest.raises(ValueError, match="NUL"):
        roundtrip.decode(b"a", "utf\0-8")


def test_from_latin1():
    assert roundtrip.from_latin1(bytes(range(256))) == bytes(range(256)).decode("latin-1")
    assert roundtrip.from_latin1(b"") == ""


def test_substring():
    text = "héllo wörld ✓"
    assert roundtrip.substring(text, 0, 5) == "héllo"
    assert roundtrip.substring(text, 6, 100) == "wörld ✓"
    assert roundtrip.substring(text, 5, 2) == "" and roundtrip.substring(text, 50, 60) == ""
    assert roundtrip.substring(text, 0, 2**63 - 1) == text
    with pytest.raises(OverflowError):
        roundtrip.substring(text, -1, 2)
    for other in (b"bytes", None, ["a"]):
        with pytest.raises(TypeError, match="must be str, not"):
            roundtrip.substring(other, 0, 1)


def test_to_bytes():
    assert roundtrip.to_bytes([104, 105]) == b"hi"
    assert roundtrip.to_bytes(array.array("B", [1, 2])) == b"\x01\x02"
    with pytest.raises(TypeError, match="cannot convert 'int' object to bytes"):
        roundtrip.to_bytes(3)  # PyObject_Bytes, not the constructor's `bytes(3)`

    class WithBytes:
        def __bytes__(self):
            return b"custom"

    assert roundtrip.to_bytes(WithBytes()) == b"custom"
    with pytest.raises(TypeError):
        roundtrip.to_bytes("text")
    with pytest.raises(ValueError):
        roundtrip.to_bytes([256])
