"""`Handle::items_into` and `Handle::dict_items_into`: a list's or tuple's items and a dict's
keys and values read from the object's storage in a few calls (a library "reader" method
that HPy hands its arguments as an array). Run in universal and debug mode (under
LeakDetector: every item handle is closed)."""

import gc
import sys
import threading

import pytest

import roundtrip as rt


class LyingList(list):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return "lie"

    def __iter__(self):
        return iter(["lie"])


class LyingTuple(tuple):
    def __len__(self):
        return 0

    def __getitem__(self, i):
        return "lie"

    def __iter__(self):
        return iter(["lie"])


class LyingDict(dict):
    def __len__(self):
        return 0

    def __getitem__(self, k):
        return "lie"

    def __iter__(self):
        return iter(["lie"])

    def keys(self):
        return ["lie"]

    def values(self):
        return ["lie"]

    def items(self):
        return [("lie", "lie")]


SIZES = (0, 1, 5, 6, 7, 1023, 1024, 1025, 5000)


@pytest.mark.parametrize("n", SIZES)
def test_lists_and_tuples_of_every_size(n):
    items = [object() for _ in range(n)]
    for seq in (items, tuple(items), LyingList(items), LyingTuple(items)):
        count, got = rt.items(seq, 0)
        assert count == n
        assert len(got) == n and all(a is b for a, b in zip(got, items))


def test_items_are_appended_after_what_the_vector_holds():
    assert rt.items([1, 2, 3], 2) == (3, [(), (), 1, 2, 3])
    assert rt.items(tuple(range(10)), 1) == (10, [(), *range(10)])


def test_other_objects_are_refused():
    assert rt.items({1: 2}, 0) == "TypeError: must be list or tuple, not dict"
    assert rt.items(iter([1]), 0) == "TypeError: must be list or tuple, not list_iterator"
    assert rt.items("abc", 0) == "TypeError: must be list or tuple, not str"
    assert rt.items(None, 0) == "TypeError: must be list or tuple, not NoneType"


@pytest.mark.parametrize("n", (0, 1, 3, 4, 5, 1024, 1025, 3000))
def test_dicts_of_every_size(n):
    d = {f"k{i}": object() for i in range(n)}
    assert rt.dict_items(d) == (n, list(d), list(d.values()))
    lying = LyingDict(d)
    count, keys, values = rt.dict_items(lying)
    assert (count, keys) == (n, list(d))
    assert all(a is b for a, b in zip(values, d.values()))


def test_dict_order_is_the_storage_order():
    d = {"b": 1, "a": 2}
    d["c"] = 3
    del d["b"]
    d["b"] = 4
    assert rt.dict_items(d) == (3, ["a", "c", "b"], [2, 3, 4])


@pytest.mark.parametrize("n", (1, 3, 10))
def test_keys_that_are_no_strings(n):
    keys = [1, 2.5, None, (1, 2), b"x", "s", frozenset(), 7, 8, 9][:n]
    d = {k: i for i, k in enumerate(keys)}
    assert rt.dict_items(d) == (n, keys, list(range(n)))


def test_keys_whose_hash_and_eq_change_are_never_called():
    calls = []

    class Key:
        def __hash__(self):
            calls.append("hash")
            return 1

        def __eq__(self, other):
            calls.append("eq")
            return self is other

    class StrKey(str):
        def __hash__(self):
            calls.append("hash")
            return 1

        def __eq__(self, other):
            calls.append("eq")
            return False

    for keys in ([Key()], [Key(), Key()], [StrKey("a")], [StrKey("a"), StrKey("b")] * 1):
        d = {k: i for i, k in enumerate(keys)}
        calls.clear()
        count, got, values = rt.dict_items(d)
        assert calls == []
        assert count == len(keys) and all(a is b for a, b in zip(got, keys))
        assert values == list(range(len(keys)))


def test_non_dicts_are_refused():
    assert rt.dict_items([("a", 1)]) == "TypeError: must be dict, not list"
    assert rt.dict_items(None) == "TypeError: must be dict, not NoneType"


def test_the_readers_refuse_to_be_called_from_python():
    readers = [o for o in gc.get_objects()
               if type(o).__name__ == "builtin_function_or_method"
               and getattr(o, "__self__", None) is not None
               and type(o.__self__).__name__ == "items_reader"]
    assert {r.__name__ for r in readers} >= {"read", "read_dict"}
    internal = "^hpy_rs.items_reader is internal to hpy-rs$"
    for reader in readers:
        with pytest.raises(TypeError, match=internal if reader.__name__ == "read_dict" else None):
            reader(a=1)
        with pytest.raises(TypeError, match=internal):
            reader(1, 2, 3)
        with pytest.raises(TypeError, match=internal):
            reader()
    # ...and the next real call still works.
    assert rt.items(list(range(10)), 0) == (10, list(range(10)))


def test_large_sequences_in_a_thread_with_a_small_stack():
    # HPy copies a function's arguments onto the C stack: the items are handed over in
    # chunks, so a thread with a 64 KiB stack reads any size.
    if sys.implementation.name != "cpython":
        pytest.skip("threading.stack_size")
    results = []

    def work():
        results.append(rt.items(list(range(200_000)), 0)[0])
        results.append(rt.dict_items({str(i): i for i in range(50_000)})[0])

    old = threading.stack_size(65536)
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    assert results == [200_000, 50_000]


@pytest.mark.parametrize("n", (7, 8, 9, 1024, 1025, 3000))
def test_vec_parameters_from_tuples_of_every_size(n):
    # `Vec<T>` reads an exact tuple of 8 items or more in one go (`items_into`): the same
    # values, and the same error naming the item that does not convert.
    assert rt.rt_vec(tuple(range(n))) == list(range(n))
    bad = tuple(range(n - 1)) + ("x",)
    with pytest.raises(TypeError, match=f"item {n - 1}"):
        rt.rt_vec(bad)
