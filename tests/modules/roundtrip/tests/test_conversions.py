"""Rust <-> Python conversions of the hpy crate, round-tripped through `roundtrip`."""

import math

import pytest

import roundtrip as rt

INT_TYPES = {
    # name: (min, max)
    "i8": (-(2**7), 2**7 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "i128": (-(2**127), 2**127 - 1),
    "isize": (-(2**63), 2**63 - 1),
    "u8": (0, 2**8 - 1),
    "u16": (0, 2**16 - 1),
    "u32": (0, 2**32 - 1),
    "u64": (0, 2**64 - 1),
    "u128": (0, 2**128 - 1),
    "usize": (0, 2**64 - 1),
}


class Index:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("name", sorted(INT_TYPES))
def test_integer_range(name):
    f = getattr(rt, "rt_" + name)
    lo, hi = INT_TYPES[name]
    for value in {lo, hi, 0, 1, lo // 3, hi // 3}:
        assert f(value) == value
        assert type(f(value)) is int
    with pytest.raises(OverflowError):
        f(hi + 1)
    with pytest.raises(OverflowError):
        f(lo - 1)


@pytest.mark.parametrize("name", sorted(INT_TYPES))
def test_integer_conversion_rules(name):
    f = getattr(rt, "rt_" + name)
    assert f(True) == 1
    assert f(Index(7)) == 7
    with pytest.raises(TypeError, match=f"^rt_{name}\\(\\) argument 'x' must be int, not float$"):
        f(1.0)
    with pytest.raises(TypeError, match=f"^rt_{name}\\(\\) argument 'x' must be int, not str$"):
        f("1")


@pytest.mark.parametrize("name", ["u8", "u16", "u32", "u64", "u128"])
def test_unsigned_rejects_negative_with_cpythons_message(name):
    with pytest.raises(OverflowError, match="^can't convert negative int to unsigned$"):
        getattr(rt, "rt_" + name)(-1)


class CountingIndex:
    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __index__(self):
        self.calls += 1
        return self.value


@pytest.mark.parametrize("name", sorted(INT_TYPES))
def test_index_is_called_once(name):
    f = getattr(rt, "rt_" + name)
    ok = CountingIndex(7)
    assert f(ok) == 7
    assert ok.calls == 1
    too_big = CountingIndex(2**200)
    with pytest.raises(OverflowError):
        f(too_big)
    assert too_big.calls == 1


def test_index_that_raises_propagates():
    class Bad:
        def __index__(self):
            raise ValueError("no index")

    with pytest.raises(ValueError, match="no index"):
        rt.rt_i64(Bad())
    with pytest.raises(ValueError, match="no index"):
        rt.rt_u8(Bad())


def test_floats():
    assert rt.rt_f64(1.5) == 1.5
    assert rt.rt_f64(3) == 3.0 and type(rt.rt_f64(3)) is float
    assert rt.rt_f64(Index(2)) == 2.0
    assert math.isinf(rt.rt_f64(math.inf))
    assert rt.rt_f32(0.1) == pytest.approx(0.1, rel=1e-7)
    assert rt.rt_f32(0.1) != 0.1
    with pytest.raises(TypeError, match="^rt_f64\\(\\) argument 'x' must be real number, not str$"):
        rt.rt_f64("1.5")
    with pytest.raises(TypeError, match="^rt_f64\\(\\) argument 'x' must be real number, not complex$"):
        rt.rt_f64(1j)

    class BadFloat:
        def __float__(self):
            raise ValueError("no float")

    with pytest.raises(ValueError, match="no float"):
        rt.rt_f64(BadFloat())
    with pytest.raises(OverflowError):
        rt.rt_f64(2**2000)


def test_bool_is_strict():
    assert rt.rt_bool(True) is True
    assert rt.rt_bool(False) is False
    for value in (0, 1, None, "", []):
        with pytest.raises(TypeError, match="must be bool, not"):
            rt.rt_bool(value)


def test_unit_is_none():
    assert rt.unit() is None


def test_strings():
    # Every path of str creation: ASCII; other text from a NUL-terminated copy on the stack
    # (below 256 bytes) or on the heap; text with a NUL through wchar_t.
    boundary = ["é" * 127, "é" * 127 + "x", "é" * 128, "x" * 254 + "é"]
    for s in ["", "ascii", "ünïcödé", "日本語", "🐍🦀", "nul\0inside", "x" * 10000,
              "é\0ü", "\0🦀", "日本" * 300 + "\0", "🐍" * 5000, *boundary]:
        assert rt.rt_string(s) == s
        assert rt.utf8_len(s) == len(s.encode("utf-8"))
    assert rt.rt_char("é") == "é"
    assert rt.rt_char("🦀") == "🦀"
    with pytest.raises(TypeError, match="^rt_char\\(\\) argument 'c' must be a unicode character, not str$"):
        rt.rt_char("ab")
    with pytest.raises(TypeError, match="^rt_char\\(\\) argument 'c' must be a unicode character, not int$"):
        rt.rt_char(1)
    with pytest.raises(TypeError, match="^rt_string\\(\\) argument 's' must be str, not bytes$"):
        rt.rt_string(b"x")
    with pytest.raises(UnicodeEncodeError):
        rt.utf8_len("lone \udcff surrogate")


def test_bytes():
    assert rt.rt_bytes(b"") == b""
    assert rt.rt_bytes(b"a\0b\xff") == b"a\0b\xff"
    assert rt.rt_bytes([1, 2, 255]) == b"\x01\x02\xff"
    assert rt.double_bytes(b"\x01\x02\x80") == b"\x02\x04\x00"
    with pytest.raises(TypeError, match="^rt_bytes\\(\\) argument 'b' must be bytes, not str$"):
        rt.rt_bytes("abc")
    with pytest.raises(TypeError, match="^double_bytes\\(\\) argument 'b' must be bytes, not bytearray$"):
        rt.double_bytes(bytearray(b"x"))
    with pytest.raises(OverflowError):
        rt.rt_bytes([256])


def test_option():
    assert rt.rt_option(None) is None
    assert rt.rt_option(5) == 5
    with pytest.raises(TypeError, match="must be int, not str"):
        rt.rt_option("5")


def test_lists_and_tuples():
    assert rt.rt_vec([]) == []
    assert rt.rt_vec([1, 2, 3]) == [1, 2, 3]
    assert rt.rt_vec((1, 2)) == [1, 2]
    assert rt.rt_nested([("a", None), ("b", 1.5)]) == [("a", None), ("b", 1.5)]
    assert rt.rt_tuple((1, "a", 2.5)) == (1, "a", 2.5)
    assert rt.rt_tuple([1, "a", 2]) == (1, "a", 2.0)
    assert rt.rt_tuple12(tuple(range(12))) == tuple(range(12))
    assert rt.slices() == ([1, 2, 3], [True, False])
    with pytest.raises(TypeError) as e:
        rt.rt_tuple((1, "a"))
    assert str(e.value) == "rt_tuple() argument 't' must be tuple of length 3, not tuple of length 2"
    with pytest.raises(TypeError) as e:
        rt.rt_nested([("a", None), ("b", "x")])
    assert str(e.value) == "rt_nested() argument 'v' item 1 item 1 must be real number, not str"
    with pytest.raises(TypeError) as e:
        rt.rt_vec(5)
    assert str(e.value) == "rt_vec() argument 'v' must be iterable, not int"
    with pytest.raises(TypeError) as e:
        rt.rt_vec("123")
    assert str(e.value) == "rt_vec() argument 'v' must be iterable other than str, not str"


def test_sequences_from_any_iterable():
    assert rt.rt_vec({7}) == [7]
    assert rt.rt_vec(x * 2 for x in range(4)) == [0, 2, 4, 6]
    assert rt.rt_vec(iter([3, 4])) == [3, 4]
    assert rt.rt_vec({1: "a", 2: "b"}) == [1, 2]
    assert rt.rt_vec(range(3)) == [0, 1, 2]
    assert rt.rt_vec(b"\x01\x02") == [1, 2]
    assert rt.rt_vecdeque(range(3)) == [0, 1, 2]
    assert rt.rt_bytes_vec(b"ab") == b"ab"
    assert rt.rt_bytes_vec(bytearray(b"xy")) == b"xy"
    assert rt.rt_bytes_vec(x for x in (1, 2)) == b"\x01\x02"
    with pytest.raises(TypeError) as e:
        rt.rt_bytes_vec("ab")
    assert str(e.value) == "rt_bytes_vec() argument 'v' must be bytes, not str"
    with pytest.raises(TypeError) as e:
        rt.rt_vec(x for x in (1, "b", 3))
    assert str(e.value) == "rt_vec() argument 'v' item 1 must be int, not str"


def test_an_iterable_that_fails_midway_raises_its_error():
    def gen():
        yield 1
        raise KeyError("stop")

    with pytest.raises(KeyError):
        rt.rt_vec(gen())


def test_an_iterable_whose_iter_lies():
    class Liar(list):
        def __len__(self):
            return 10**9

        def __iter__(self):
            return iter([1, 2])

    assert rt.rt_vec(Liar([5, 6, 7])) == [1, 2]


def test_sets():
    assert rt.rt_hashset({1, 2, 2}) == {1, 2}
    assert type(rt.rt_hashset([1])) is set
    assert rt.rt_hashset(frozenset([3])) == {3}
    assert rt.rt_hashset(x % 3 for x in range(10)) == {0, 1, 2}
    assert rt.rt_btreeset(["b", "a", "b"]) == {"a", "b"}
    with pytest.raises(TypeError) as e:
        rt.rt_btreeset(["a", 2])
    assert str(e.value) == "rt_btreeset() argument 's' item 1 must be str, not int"
    with pytest.raises(TypeError) as e:
        rt.rt_hashset("abc")
    assert str(e.value) == "rt_hashset() argument 's' must be iterable other than str, not str"


def test_unit_is_the_empty_tuple():
    assert rt.rt_unit(()) == ((), [(), ()])
    with pytest.raises(TypeError) as e:
        rt.rt_unit((1,))
    assert str(e.value) == "rt_unit() argument 'u' must be tuple of length 0, not tuple of length 1"
    with pytest.raises(TypeError):
        rt.rt_unit(None)
    assert rt.returns_nothing() is None
    assert rt.returns_nothing_through_an_alias(False) is None
    with pytest.raises(ValueError, match="^failed$"):
        rt.returns_nothing_through_an_alias(True)


def test_paths_through_fspath():
    import os
    import pathlib

    assert rt.rt_path("/tmp/x") == ("/tmp/x", True)
    assert rt.rt_path(pathlib.Path("rel/p")) == ("rel/p", False)
    assert rt.rt_path(b"/b") == ("/b", True)

    class Custom:
        def __fspath__(self):
            return "from/fspath"

    assert rt.rt_path(Custom()) == ("from/fspath", False)
    # A name that is not UTF-8 survives both ways (surrogateescape).
    odd = os.fsdecode(b"caf\xe9")
    assert rt.rt_path(odd) == (odd, False)
    assert rt.rt_osstring(odd) == (odd, 4)
    assert rt.rt_osstring(b"caf\xe9") == (odd, 4)
    with pytest.raises(TypeError) as e:
        rt.rt_path(5)
    assert str(e.value) == "rt_path() argument 'p' must be str, bytes or os.PathLike, not int"

    class Broken:
        def __fspath__(self):
            raise OSError("no path")

    with pytest.raises(OSError, match="no path"):
        rt.rt_path(Broken())


def test_dicts():
    assert rt.rt_hashmap({}) == {}
    assert rt.rt_hashmap({"a": 1, "b": 2}) == {"a": 1, "b": 2}
    assert rt.rt_btreemap({3: ["c"], 1: ["a", "b"]}) == {1: ["a", "b"], 3: ["c"]}
    assert list(rt.rt_btreemap({3: [], 1: []})) == [1, 3]
    with pytest.raises(TypeError) as e:
        rt.rt_hashmap({"a": "x"})
    assert str(e.value) == "rt_hashmap() argument 'm' value of key 'a' must be int, not str"
    with pytest.raises(TypeError) as e:
        rt.rt_hashmap({1: 1})
    assert str(e.value) == "rt_hashmap() argument 'm' key must be str, not int"
    with pytest.raises(TypeError) as e:
        rt.rt_hashmap([("a", 1)])
    assert str(e.value) == "rt_hashmap() argument 'm' must be mapping, not list"


def test_maps_from_any_mapping():
    import collections
    import types

    assert rt.rt_hashmap(types.MappingProxyType({"a": 1})) == {"a": 1}
    assert rt.rt_hashmap(collections.OrderedDict(b=2)) == {"b": 2}

    class Mapping:
        def keys(self):
            return ["x", "y"]

        def __getitem__(self, key):
            return ord(key)

    assert rt.rt_hashmap(Mapping()) == {"x": 120, "y": 121}
    assert rt.rt_btreemap(collections.ChainMap({2: ["b"]}, {1: ["a"]})) == {1: ["a"], 2: ["b"]}


def test_indexmap_keeps_the_order():
    m = rt.rt_indexmap({"z": 1, "a": 2, "m": 3})
    assert type(m) is dict and list(m.items()) == [("z", 1), ("a", 2), ("m", 3)]
    with pytest.raises(TypeError) as e:
        rt.rt_indexmap({"a": "x"})
    assert str(e.value) == "rt_indexmap() argument 'm' value of key 'a' must be int, not str"


def test_python_code_run_by_a_list_conversion_sees_no_half_built_list():
    # On CPython a list builder is a list with NULL slots, reachable through the collector;
    # conversions run (user code, Python callbacks) before a builder exists.
    import gc

    seen = []

    def callback():
        lists = [o for o in gc.get_objects() if type(o) is list]
        seen.append(sum(len([x for x in lst]) for lst in lists) >= 0)
        return len(seen)

    assert rt.list_calling_back(callback, 5) == [1, 2, 3, 4, 5]
    assert seen == [True] * 5


def test_a_map_from_an_ordered_dict_keeps_its_order():
    import collections

    od = collections.OrderedDict((k, i) for i, k in enumerate("abcd"))
    od.move_to_end("a")  # its order, not its storage's
    m = rt.rt_indexmap(od)
    assert list(m.items()) == list(od.items()) == [("b", 1), ("c", 2), ("d", 3), ("a", 0)]
