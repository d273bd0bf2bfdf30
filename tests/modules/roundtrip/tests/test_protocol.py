"""The object protocol on handles: attributes, items, calls, comparison, iteration..."""

import collections
import collections.abc
import decimal
import os

import pytest

import roundtrip as rt


class Thing:
    pass


def test_attributes():
    t = Thing()
    rt.set_attr(t, "x", 5)
    assert t.x == 5
    assert rt.get_attr(t, "x") == 5
    assert rt.has_attr(t, "x") is True
    rt.del_attr(t, "x")
    assert rt.has_attr(t, "x") is False
    with pytest.raises(AttributeError):
        rt.get_attr(t, "x")
    with pytest.raises(AttributeError):
        rt.del_attr(t, "x")
    long_name = "n" * 300
    rt.set_attr(t, long_name, 1)
    assert getattr(t, long_name) == 1
    rt.set_attr(t, "nul\0name", 2)
    assert getattr(t, "nul\0name") == 2
    assert rt.get_attr(t, "nul\0name") == 2


def test_hasattr_swallows_errors_like_python():
    class Raising:
        @property
        def boom(self):
            raise RuntimeError("no")

    assert rt.has_attr(Raising(), "boom") is False


def test_items():
    d = {"a": 1}
    assert rt.get_item(d, "a") == 1
    rt.set_item(d, "b", 2)
    assert d == {"a": 1, "b": 2}
    rt.del_item(d, "a")
    assert d == {"b": 2}
    with pytest.raises(KeyError):
        rt.get_item(d, "zz")
    lst = [10, 20, 30]
    assert rt.get_index(lst, 0) == 10
    assert rt.get_index(lst, -1) == 30
    with pytest.raises(IndexError):
        rt.get_index(lst, 3)
    assert rt.contains(lst, 20) is True
    assert rt.contains(lst, 99) is False
    with pytest.raises(TypeError):
        rt.contains(5, 1)


def test_calls():
    assert rt.call(max, 1, 5, 3) == 5
    assert rt.call(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    assert rt.call(dict, a=1, b=2) == {"a": 1, "b": 2}
    assert rt.call2(lambda a, b: (a, b), 7, "x") == (7, "x")
    with pytest.raises(ZeroDivisionError):
        rt.call(lambda: 1 / 0)
    with pytest.raises(TypeError):
        rt.call(5)


def test_method_calls():
    assert rt.call_method("a,b", "split", ",") == ["a", "b"]
    assert rt.call_method("a b", "split") == ["a", "b"]
    assert rt.call_method("a,b,c", "split", ",", maxsplit=1) == ["a", "b,c"]
    lst = [3, 1, 2]
    assert rt.call_method(lst, "sort", reverse=True) is None
    assert lst == [3, 2, 1]
    with pytest.raises(AttributeError):
        rt.call_method(lst, "nope")


def test_text():
    assert rt.repr("x") == "'x'"
    assert rt.str_of("x") == "x"
    assert rt.str_of(12) == "12"
    assert rt.rust_format([1, "a"]) == "[1, 'a']|[1, 'a']"


def test_unprintable_objects_are_reported_not_raised():
    class Unprintable:
        def __repr__(self):
            raise ValueError("no repr")

        def __str__(self):
            raise ValueError("no str")

    import sys

    seen = []
    old = sys.unraisablehook
    sys.unraisablehook = lambda info: seen.append(info.exc_value)
    try:
        assert rt.rust_format(Unprintable()) == "<unprintable object>|<unprintable object>"
    finally:
        sys.unraisablehook = old
    assert [str(e) for e in seen] == ["no repr", "no str"]


def test_len_hash_truth():
    assert rt.length([1, 2, 3]) == 3
    assert rt.length("") == 0
    with pytest.raises(TypeError):
        rt.length(5)
    assert rt.hash_of("abc") == hash("abc")
    assert rt.hash_of(-1) == -2
    with pytest.raises(TypeError, match="unhashable"):
        rt.hash_of([])
    assert rt.truthy([1]) is True
    assert rt.truthy(0) is False

    class Bad:
        def __bool__(self):
            raise RuntimeError("no truth")

    with pytest.raises(RuntimeError, match="no truth"):
        rt.truthy(Bad())


def test_comparison():
    assert rt.compare(1, 2, "<") == (True, True)
    assert rt.compare(2, 2, "<=") == (True, True)
    assert rt.compare("a", "a", "==") == (True, True)
    assert rt.compare("a", "b", "!=") == (True, True)
    assert rt.compare(3, 2, ">") == (True, True)
    assert rt.compare(1, 2, ">=") == (False, False)

    class Odd:
        def __eq__(self, other):
            return "rich"

    assert rt.compare(Odd(), 1, "==") == ("rich", True)
    with pytest.raises(TypeError):
        rt.compare(1, "a", "<")


def test_identity_and_types():
    o = object()
    assert rt.is_same(o, o) is True
    assert rt.is_same(o, object()) is False
    assert rt.is_instance([], list) is True
    assert rt.is_instance([], collections.abc.Sequence) is True
    assert rt.is_instance(1, (str, int)) is True
    assert rt.is_instance(1, str) is False
    assert rt.is_instance(True, int) is True
    with pytest.raises(TypeError):
        rt.is_instance(1, 5)

    class Proxy:  # isinstance also looks at an object's __class__
        __class__ = decimal.Decimal

    assert rt.is_instance(Proxy(), decimal.Decimal) is True
    assert rt.is_instance(Proxy(), Proxy) is True
    assert rt.is_instance(Proxy(), int) is False
    assert rt.is_int_or_list(True) == (True, False)
    assert rt.is_int_or_list([]) == (False, True)
    assert rt.type_of(1.5) is float
    assert rt.type_name(1.5) == "float"
    assert rt.type_name(Thing()) == "Thing"
    assert rt.is_callable(len) is True
    assert rt.is_callable(5) is False


def test_iteration():
    assert rt.collect([1, 2]) == [1, 2]
    assert rt.collect((1,)) == [1]
    assert rt.collect("ab") == ["a", "b"]
    assert rt.collect({"a": 1, "b": 2}) == ["a", "b"]
    assert rt.collect(x * x for x in range(4)) == [0, 1, 4, 9]
    assert rt.collect(range(0)) == []

    class ListSub(list):
        def __iter__(self):
            return iter(["overridden"])

    assert rt.collect(ListSub([1, 2])) == ["overridden"]
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        rt.collect(5)

    def failing():
        yield 1
        raise ValueError("stop here")

    with pytest.raises(ValueError, match="stop here"):
        rt.collect(failing())


def test_numbers():
    assert rt.arithmetic(7, 2) == [9, 5, 14, 3, 1, -7, 343]
    assert rt.arithmetic(7.0, 2) == [9.0, 5.0, 14.0, 3.0, 1.0, -7.0, 343.0]
    with pytest.raises(ZeroDivisionError):
        rt.arithmetic(1, 0)
    with pytest.raises(TypeError):
        rt.arithmetic("a", 1)


def test_context_constants_and_imports():
    assert rt.builtin_none() == (None, NotImplemented, tuple)
    import json

    assert rt.import_module("json") is json
    import os.path

    assert rt.import_module("os.path") is os.path
    with pytest.raises(ModuleNotFoundError):
        rt.import_module("no_such_module_hpy_rs")
    with pytest.raises(ValueError):
        rt.import_module("nul\0name")


def test_replacing_a_global_never_exposes_a_dying_object():
    import weakref

    class Obj:
        pass

    seen = []
    o = Obj()
    ref = weakref.ref(o, lambda _: seen.append(rt.recall()))
    rt.remember(o)
    del o
    assert ref() is not None
    rt.remember(1)  # the old object dies here; its callback loads the global
    assert ref() is None
    assert seen == [1]


def test_globals_keep_objects_across_calls():
    assert rt.recall() is None or rt.recall() is not None
    token = object()
    rt.remember(token)
    assert rt.recall() is token
    rt.remember([1, 2])
    assert rt.recall() == [1, 2]


def test_a_slice_key_that_is_not_a_slice_is_refused():
    # `SliceOrIndex::Slice` is a public variant: Rust code may put any object in it, which
    # `HPySlice_Unpack` would read as a slice.
    assert rt.resolve_as_slice(slice(2, None, 3)) == (2, 3, 3)
    with pytest.raises(TypeError, match=r"^must be slice, not int$"):
        rt.resolve_as_slice(5)
    with pytest.raises(TypeError, match=r"^must be slice, not list$"):
        rt.resolve_as_slice([1, 2])


# HPy 0.9's runtimes copy a call's arguments onto the C stack (`alloca`): hpy-rs calls out
# through a tuple and a dict above 256 arguments, and refuses calls *into* the extension with
# more than 2**17 arguments (MemoryError, as CPython reports an exhausted stack) in the
# universal ABI; the CPython ABI copies nothing and has no limit. More than 2**20 arguments
# (8 MiB, the whole default stack) crashed the interpreter before.
MAX_INTO = 1 << 17
HUGE = (1 << 20) + 10


def _spread(*args, **kwargs):
    return len(args), sum(args), len(kwargs), sum(kwargs.values())


@pytest.mark.parametrize("nargs, nkw", [(256, 0), (257, 0), (200, 57), (0, 300), (HUGE, 0), (3, HUGE)])
def test_large_calls_out_of_rust(nargs, nkw):
    expected = (nargs, nargs * (nargs - 1) // 2, nkw, nkw * (nkw - 1) // 2)
    assert rt.call_counted(_spread, nargs, nkw) == expected


def test_large_method_calls_out_of_rust():
    class Target:
        def spread(self, *args, **kwargs):
            return _spread(*args, **kwargs)

    for nargs, nkw in [(255, 0), (300, 2), (HUGE, 1)]:
        expected = (nargs, nargs * (nargs - 1) // 2, nkw, nkw * (nkw - 1) // 2)
        assert rt.call_method_counted(Target(), "spread", nargs, nkw) == expected
    with pytest.raises(AttributeError):
        rt.call_method_counted(Target(), "nope", 1000, 0)


def _into_extension_limit(call, n):
    """`call(n)`, above the limit: a MemoryError in the universal ABI (None), the result in
    the CPython ABI."""
    if os.environ.get("HPY_RS_ABI") == "cpython":
        return call(n)
    with pytest.raises(MemoryError, match="^Stack overflow: HPy 0.9 copies"):
        call(n)
    return None


def test_calls_into_the_extension_up_to_the_limit():
    # `call(f, *args)`: the extension receives f and the arguments.
    assert rt.call(len_of_args, *range(MAX_INTO - 1)) == MAX_INTO - 1
    kwargs = {f"k{i}": i for i in range(MAX_INTO - 1)}
    assert rt.call(len_of_kwargs, **kwargs) == MAX_INTO - 1
    assert rt.Counted(*range(MAX_INTO)).count == MAX_INTO


def test_too_many_arguments_into_the_extension():
    r = _into_extension_limit(lambda n: rt.call(len_of_args, *range(n)), MAX_INTO)
    assert r in (None, MAX_INTO)
    r = _into_extension_limit(lambda n: rt.call(len_of_args, *range(n)), HUGE)
    assert r in (None, HUGE)
    kwargs = {f"k{i}": i for i in range(MAX_INTO)}
    r = _into_extension_limit(lambda n: rt.call(len_of_kwargs, **kwargs), MAX_INTO)
    assert r in (None, MAX_INTO)
    # `total(*numbers)` takes positional arguments only (HPy's VARARGS signature).
    assert rt.total(*range(MAX_INTO)) == MAX_INTO * (MAX_INTO - 1) // 2
    r = _into_extension_limit(lambda n: rt.total(*range(n)), MAX_INTO + 1)
    assert r in (None, MAX_INTO * (MAX_INTO + 1) // 2)
    r = _into_extension_limit(lambda n: rt.Counted(*range(n)).count, MAX_INTO + 1)
    assert r in (None, MAX_INTO + 1)
    # The keywords of `__new__` come in a dict, which the runtime does not copy.
    assert rt.Counted(**{f"k{i}": i for i in range(HUGE)}).count == HUGE


def len_of_args(*args):
    return len(args)


def len_of_kwargs(**kwargs):
    return len(kwargs)


@pytest.mark.parametrize("names", [["a", "b", "a"], [f"k{i}" for i in range(300)] + ["k7"]])
def test_a_keyword_given_twice_from_rust_is_refused(names):
    def target(**kwargs):
        return kwargs

    repeated = names[-1]
    message = rf"^test_a_keyword_given_twice_from_rust_is_refused\.<locals>\.target\(\) got multiple values for keyword argument '{repeated}'$"
    with pytest.raises(TypeError, match=message):
        rt.call_keywords_named(target, names)

    class Target:
        def method(self, **kwargs):
            return kwargs

    message = rf"\.Target\.method\(\) got multiple values for keyword argument '{repeated}'$"
    with pytest.raises(TypeError, match=message):
        rt.call_method_keywords_named(Target(), "method", names)
    unique = list(dict.fromkeys(names))
    assert rt.call_keywords_named(target, unique) == {name: i for i, name in enumerate(unique)}


def test_a_keyword_given_twice_names_a_callable_without_qualname_by_its_type():
    class Callable:
        def __call__(self, **kwargs):
            return kwargs

    with pytest.raises(TypeError, match=r"^Callable\(\) got multiple values for keyword argument 'x'$"):
        rt.call_keywords_named(Callable(), ["x", "x"])
