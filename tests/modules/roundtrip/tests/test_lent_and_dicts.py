"""Lent constants and builtin types (`Context::constant`, `builtin_type_ref`, `Borrowed`),
lists of handles, `Handle::is_dict` / `dict_keys`, `Context::new_dict` and
`Context::str_from_code_points`. Run in universal and debug mode (under LeakDetector, which
also catches a constant closed once too often or a handle left open)."""

import sys

import pytest

import roundtrip as rt


def test_lent_constants_in_a_list():
    for n in (0, 1, 1000):
        got = rt.constants(n)
        assert got == [None, True, False, NotImplemented, Ellipsis] * n
        assert all(a is b for a, b in zip(got, [None, True, False, NotImplemented, Ellipsis] * n))


def test_reference_counts_of_constants_are_balanced():
    if not hasattr(sys, "getrefcount") or sys.version_info >= (3, 12):
        pytest.skip("None and the bools are immortal from CPython 3.12")
    calls = (lambda: rt.constants(10), lambda: rt.bools_and_nones([True] * 10),
             lambda: rt.lent_builtins(True))
    for call in calls:
        call()  # whatever the first call caches
        before = sys.getrefcount(True), sys.getrefcount(None)
        for _ in range(1000):
            call()
        after = sys.getrefcount(True), sys.getrefcount(None)
        # A reference too many or too few per call would move them by thousands.
        assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50


def test_bools_and_nones():
    assert rt.bools_and_nones([True, False, True, True, False, False]) == [
        True, False, None, True, False, None,
    ]
    assert rt.bools_and_nones([]) == []


def test_lists_of_handles():
    items = [object(), "s", 1, None]
    first, second = rt.relist(items)
    assert first == items and second == items
    assert all(a is b for a, b in zip(first, items)) and all(a is b for a, b in zip(second, items))
    assert first is not items and second is not first
    assert rt.relist([]) == ([], [])


def test_lent_builtins_and_a_new_dict():
    assert rt.lent_builtins(True) == (True, {"value": True, "flag": True, "none": None})
    assert rt.lent_builtins(1) == (False, {"value": 1, "flag": True, "none": None})


class KeysLie(dict):
    def keys(self):
        return ["lie"]

    def __iter__(self):
        return iter(["lie"])


def test_dict_keys_read_the_storage():
    assert rt.dict_keys({"a": 1, "b": 2}) == (True, ["a", "b"])
    assert rt.dict_keys(KeysLie(x=1)) == (True, ["x"])
    assert rt.dict_keys({}) == (True, [])
    assert rt.dict_keys([("a", 1)]) == (False, "TypeError: must be dict, not list")
    assert rt.dict_keys(None) == (False, "TypeError: must be dict, not NoneType")


def test_str_from_code_points():
    assert rt.from_code_points([104, 0xE9, 0x1F980, 0]) == "hé🦀\0"
    assert rt.from_code_points([0xD800, 0x61, 0xDFFF]) == "\ud800a\udfff"
    assert rt.from_code_points([0xD83E, 0xDD80]) == "\ud83e\udd80"  # stays two code points
    assert rt.from_code_points([]) == ""
    with pytest.raises(ValueError, match=r"^character U\+110000 is not in range \[U\+0000; U\+10ffff\]$"):
        rt.from_code_points([0x61, 0x110000])
