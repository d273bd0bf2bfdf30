"""`Handle::items_into` and `Handle::dict_items_into`: a list's or tuple's items and a dict's
keys and values read from the object's storage in a few calls: in the universal ABI on
CPython through HPy's bridge to the C API (`HPy_AsPyObject`, then `PyDict_Next` and
friends); in HPy's debug mode (and on other interpreters) through a library "reader" method
that HPy hands its arguments as an array; built for the CPython ABI, the storage read
directly. Run in universal and debug mode (under LeakDetector: every item handle is closed)
and in the CPython ABI."""

import gc
import os
import sys
import threading

import pytest

import roundtrip as rt

# The universal ABI's readers are library methods Python code can reach, called in HPy's
# debug mode here; the universal context on CPython reads the storage through HPy's bridge to
# the C API instead, and the CPython ABI reads it itself.
READERS = os.environ.get("HPY_RS_ABI") != "cpython" and os.environ.get("HPY") in ("debug", "trace")
universal_readers = pytest.mark.skipif(
    not READERS,
    reason="the readers run in HPy's debug and trace modes: the universal context on CPython "
    "and the CPython ABI read the storage directly",
)


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

    # The last: a dict with deletions (copied before it is read).
    many = [StrKey(f"k{i}") for i in range(10)] + [Key(), 1]
    deleted = 3
    for keys in ([Key()], [Key(), Key()], [StrKey("a")], [StrKey("a"), StrKey("b")], many):
        d = {k: i for i, k in enumerate(keys)}
        first = 0
        if keys is many:
            for k in keys[:deleted]:
                del d[k]
            first = deleted
        calls.clear()
        count, got, values = rt.dict_items(d)
        assert calls == []
        assert count == len(got) == len(keys) - first
        assert all(a is b for a, b in zip(got, keys[first:]))
        assert values == list(range(first, len(keys)))


def test_reading_takes_no_reference_it_does_not_give_back():
    # The bridge's `HPy_AsPyObject` and `HPy_FromPyObject` each take a reference: every one
    # is released (the debug mode's LeakDetector sees handles, not references).
    values = [object() for _ in range(5)]
    keys = [object() for _ in range(5)]
    d = dict(zip(keys, values))
    seqs = (values, tuple(values), LyingList(values), LyingTuple(values))
    everything = (d, *seqs, *values, *keys)
    before = [sys.getrefcount(o) for o in everything]
    for _ in range(3):
        assert rt.dict_items(d)[0] == 5
        assert rt.dict_items(LyingDict(d))[0] == 5
        for seq in seqs:
            assert rt.items(seq, 0)[0] == 5
            assert len(rt.collect(seq)) == (5 if type(seq) in (list, tuple) else 1)
    del seq
    gc.collect()
    assert [sys.getrefcount(o) for o in everything] == before


def test_equal_hashes_in_a_dict_with_deletions():
    # A dict with many deleted entries: `HPyDict_Copy` (the readers' copy, CPython 3.8-3.11)
    # inserts the live ones one by one, comparing keys of equal hashes with `__eq__` (the
    # documented exception); reading the storage in place (the universal context on CPython,
    # the CPython ABI) calls nothing. So this also shows which path a mode takes.
    calls = []

    class Key:
        def __init__(self, i):
            self.i = i

        def __hash__(self):
            return 1

        def __eq__(self, other):
            calls.append("eq")
            return self is other

    keys = [Key(i) for i in range(12)]
    d = {k: k.i for k in keys}
    for k in keys[:9]:
        del d[k]
    calls.clear()
    count, got, values = rt.dict_items(d)
    assert (count, values) == (3, [9, 10, 11])
    assert all(a is b for a, b in zip(got, keys[9:]))
    if READERS and sys.version_info < (3, 12):
        assert calls
    else:
        assert calls == []


def test_the_storage_of_dicts_of_every_kind():
    import collections

    od = collections.OrderedDict((f"k{i}", i) for i in range(6))
    od.move_to_end("k1")  # the storage order stays; the iteration order moves
    counter = collections.Counter("abracadabra")
    default = collections.defaultdict(list, a=[1], b=[2])

    class Instance:
        pass

    instance = Instance()
    for i in range(8):
        setattr(instance, f"a{i}", i)
    del instance.a3
    split = Instance()  # a key-sharing dict
    split.a0, split.a1 = "x", "y"
    for d in (od, counter, default, instance.__dict__, split.__dict__):
        assert rt.dict_items(d) == (len(dict.keys(d)), list(dict.keys(d)), list(dict.values(d)))


def test_struct_sequences_and_a_list_being_sorted():
    # A struct sequence's storage holds its visible fields (its `len`).
    for seq in (sys.version_info, os.stat(".")):
        assert rt.items(seq, 0) == (len(seq), list(seq))
    # `list.sort` empties the list while its key function runs.
    lst = [3, 1, 2]
    seen = []
    lst.sort(key=lambda x: seen.append(rt.items(lst, 0)) or x)
    assert seen == [(0, [])] * 3


@pytest.mark.skipif(
    os.environ.get("HPY") in ("debug", "trace") and os.environ.get("HPY_RS_ABI") != "cpython",
    reason="HPy's own calls crash on a NULL item, as CPython's `t[i]` does",
)
def test_a_tuple_still_being_built_raises_system_error():
    # `tuple(generator)` allocates the tuple, then fills it: the garbage collector reaches
    # it with NULL items.
    marker = object()
    results = []

    def gen():
        yield marker
        for o in gc.get_objects():
            if type(o) is tuple and len(o) > 1 and o[0] is marker:
                results.append((rt.items(o, 0), rt.collect_message(o)))
        yield 1

    tuple(gen())
    message = "SystemError: item 1 of this sequence is NULL: it is still being built"
    assert results == [(message, message)]


def test_non_dicts_are_refused():
    assert rt.dict_items([("a", 1)]) == "TypeError: must be dict, not list"
    assert rt.dict_items(None) == "TypeError: must be dict, not NoneType"


@universal_readers
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

# A garbage collection may start at any allocation of a tracked object (synchronously on
# CPython 3.8-3.11), and run finalizers: Python code, even where the SDK runs none. CPython
# unpacks keyword arguments (`_PyStack_UnpackDict`) by allocating the names' tuple, then
# walking the dict with `PyDict_Next`, assuming it unchanged since its size was read.


class Finalizer:
    """Cyclic garbage whose `__del__` runs `action` once, while `armed`."""

    armed = False
    action = None

    @classmethod
    def plant(cls, action):
        cls.action, cls.armed = action, True
        g = cls()
        g.me = g

    def __del__(self):
        if type(self).armed:
            type(self).armed = False
            type(self).action()


def call_collecting(f, *args, shift):
    """`f(*args)`, with a collection due at about the `shift`-th allocation (gen0 count
    past its threshold)."""
    old = gc.get_threshold()
    try:
        gc.set_threshold(1_000_000)
        gc.set_threshold(gc.get_count()[0] + shift)
        return f(*args)
    finally:
        gc.set_threshold(*old)
        Finalizer.armed = False


def readers():
    return {o.__name__: o for o in gc.get_objects()
            if type(o).__name__ == "builtin_function_or_method"
            and type(getattr(o, "__self__", None)).__name__ == "items_reader"}


@universal_readers
@pytest.mark.parametrize("shift", (-1, 0, 1, 2))
@pytest.mark.parametrize("reader", ("read", "read_dict"))
def test_a_reader_called_by_a_finalizer_adds_nothing(reader, shift):
    # The finalizer's call finds the pending request (the collection starts within the dict
    # reader's call, as CPython allocates the names' tuple): what it answers must not show,
    # nor its handles leak (the names' tuple, for `read_dict`).
    read = readers()[reader]
    d = {f"k{i}": i for i in range(30)}  # more than a tuple's free list holds
    answered = []

    def thief():
        try:
            read(junk="JUNK") if reader == "read_dict" else read("JUNK")
            answered.append(shift)
        except TypeError:
            pass

    Finalizer.plant(thief)
    assert call_collecting(rt.dict_items, d, shift=shift) == (30, list(d), list(d.values()))
    THEFTS.extend(answered)


THEFTS = []


@universal_readers
def test_some_finalizer_did_answer_a_request():
    # The tests above do reach the window they are about (the CPython versions that collect
    # as they allocate).
    if sys.version_info >= (3, 12):
        pytest.skip("collections start at the next bytecode boundary")
    assert THEFTS


@pytest.mark.parametrize("mutation", ("grow", "clear"))
def test_a_dict_changed_by_a_finalizer_while_unpacked(mutation):
    # Before: the dict itself was unpacked; grown, `PyDict_Next` wrote past the names'
    # tuple (a heap overflow); cleared, the reader was lent NULL handles (an abort). Run in
    # a child: memory corruption must not take the test run down.
    code = f"""
import gc, sys
sys.path[:0] = {sys.path!r}
from test_items import Finalizer, call_collecting
import roundtrip as rt
for shift in (-1, 0, 1, 2):
    d = {{f"k{{i}}": i for i in range(30)}}
    before = (30, list(d), list(d.values()))
    def mutate():
        if {mutation!r} == "grow":
            d.update({{f"x{{i}}": i for i in range(5000)}})
        else:
            d.clear()
    Finalizer.plant(mutate)
    got = call_collecting(rt.dict_items, d, shift=shift)
    assert got in (before, (len(d), list(d), list(d.values()))), (shift, got[0])
print("ok")
"""
    import os
    import subprocess
    here = os.path.dirname(os.path.abspath(__file__))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=here, timeout=120)
    # (The harness may have the loader log to stdout.)
    assert (result.returncode, result.stdout.splitlines()[-1:]) == (0, ["ok"]), \
        result.stderr[-2000:]


@pytest.mark.parametrize("shift", range(-1, 8))
@pytest.mark.parametrize("kind", ("large", "int_key", "subclass"))
def test_keys_and_values_match_when_a_finalizer_changes_the_dict(kind, shift):
    # Read as `dict.keys` then `dict.values`, a key added in between showed in the values
    # only: one more value than keys, and the encoder pairing them wrongly.
    size = {"large": 2000, "int_key": 30, "subclass": 30}[kind]
    d = {f"k{i}": i for i in range(size)}
    if kind == "int_key":
        d[0] = "int"
    if kind == "subclass":
        d = LyingDict(d)

    def add():
        dict.__setitem__(d, "added", "ADDED")

    Finalizer.plant(add)
    # Dicts held: CPython's free list of dicts empty, `dict.copy` allocates a tracked object
    # (a collection may start) after cloning the entries and before reading the size.
    held = [{} for _ in range(100)]
    count, keys, values = call_collecting(rt.dict_items, d, shift=shift)
    del held
    assert count == len(keys) == len(values)
    assert all(dict.__getitem__(d, k) is v for k, v in zip(keys, values))

