"""Parameter kinds, calling conventions and argument errors, compared with a Python `def`."""

import inspect
import os

import pytest

import roundtrip as rt


def every_kind(a, /, b, c=3, *rest, d, e=5, **extra):
    pass


def keyword_only(*, x, y, z=0):
    pass


def three(a, b, c):
    pass


def optional(a, b=None, c=None):
    pass


CASES = [
    (every_kind, rt.every_kind, (), {}),
    (every_kind, rt.every_kind, (1,), {}),
    (every_kind, rt.every_kind, (1, 2), {}),
    (every_kind, rt.every_kind, (1,), {"b": 2}),
    (every_kind, rt.every_kind, (1, 2), {"b": 2, "d": 4}),
    (every_kind, rt.every_kind, (1, 2, 3, 4), {"c": 4}),
    (keyword_only, rt.keyword_only, (1,), {}),
    (keyword_only, rt.keyword_only, (1, 2), {"x": 1}),
    (keyword_only, rt.keyword_only, (), {}),
    (keyword_only, rt.keyword_only, (), {"x": 1}),
    (keyword_only, rt.keyword_only, (), {"x": 1, "y": 2, "w": 3}),
    (three, rt.three, (), {}),
    (three, rt.three, (1,), {}),
    (three, rt.three, (1, 2, 3, 4), {}),
    (three, rt.three, (1, 2, 3, 4, 5), {"c": 1}),
    (three, rt.three, (1,), {"a": 1}),
    (three, rt.three, (), {"a": 1, "b": 2, "c": 3, "d": 4}),
    (optional, rt.optional, (), {}),
    (optional, rt.optional, (1, 2, 3, 4), {}),
]


@pytest.mark.parametrize("py, rs, args, kwargs", CASES)
def test_errors_match_cpython_def(py, rs, args, kwargs):
    with pytest.raises(TypeError) as expected:
        py(*args, **kwargs)
    with pytest.raises(TypeError) as actual:
        rs(*args, **kwargs)
    assert str(actual.value) == str(expected.value)


def posonly_kw(a, b=10, /, *, c=0):
    pass


@pytest.mark.parametrize(
    "args, kwargs",
    [((), {"a": 1}), ((), {"a": 1, "b": 2}), ((1,), {"b": 2}), ((1,), {"d": 1}), ((1, 2, 3), {})],
)
def test_positional_only_passed_by_keyword(args, kwargs):
    with pytest.raises(TypeError) as expected:
        posonly_kw(*args, **kwargs)
    with pytest.raises(TypeError) as actual:
        rt.posonly_kw(*args, **kwargs)
    assert str(actual.value) == str(expected.value)
    assert rt.posonly_kw(1, c=2) == 13


def test_every_kind_binds_like_python():
    assert rt.every_kind(1, 2, d=4) == (1, 2, 3, [], 4, 5, {})
    assert rt.every_kind(1, 2, 3, 4, 5, d=6, f=7) == (1, 2, 3, [4, 5], 6, 5, {"f": 7})
    assert rt.every_kind(1, b=2, c=9, d=4, e=0) == (1, 2, 9, [], 4, 0, {})
    # a positional-only name may appear in **kwargs, as in Python
    assert rt.every_kind(1, 2, d=3, a=5) == (1, 2, 3, [], 3, 5, {"a": 5})
    assert str(inspect.signature(rt.every_kind)) == "(a, /, b, c=3, *rest, d, e=5, **extra)"


def test_one_call_site_binds_its_keywords_the_same_way_every_time():
    # A call site's keyword names are one constant tuple: once the keyword memo holds it,
    # binding reuses where the remembered call's keywords went, with this call's values.
    got = [rt.every_kind(i, c=i + 2, b=i + 1, e=i + 4, d=i + 3) for i in range(4)]
    assert got == [(i, i + 1, i + 2, [], i + 3, i + 4, {}) for i in range(4)]
    for i in range(3):  # two call sites, alternating
        assert rt.every_kind(i, b=1, d=2) == (i, 1, 3, [], 2, 5, {})
        assert rt.every_kind(i, d=1, b=2) == (i, 2, 3, [], 1, 5, {})
        assert rt.abc(i, c=3, b=2) == (i, 2, 3)


class CountingNames(tuple):
    """Keyword names that count how often binding reads one (`HPy_GetItem_i`)."""

    reads = 0

    def __getitem__(self, i):
        CountingNames.reads += 1
        return super().__getitem__(i)


def remember(names, *values):
    """Calls `rt.abc` with `names` until its keyword memo holds them: a call replaces the
    remembered one after 8 misses in a row."""
    for _ in range(9):
        rt.call_with_names(rt.abc, names, *values)


def test_a_reused_keyword_names_tuple_binds_by_its_positional_count():
    names = ("c", "b")
    remember(names, 1, 3, 2)
    assert rt.call_with_names(rt.abc, names, 4, 6, 5) == (4, 5, 6)
    # The same tuple after two positional arguments: `b` is given twice.
    with pytest.raises(TypeError, match=r"^abc\(\) got multiple values for argument 'b'$"):
        rt.call_with_names(rt.abc, names, 1, 9, 3, 2)
    assert rt.call_with_names(rt.abc, names, 7, 3, 2) == (7, 2, 3)
    with pytest.raises(TypeError, match=r"^abc\(\) missing 1 required positional argument: 'a'$"):
        rt.call_with_names(rt.abc, names, 3, 2)


def test_a_remembered_call_reads_no_keyword_name():
    names = CountingNames(("c", "b"))
    remember(names, 1, 3, 2)
    CountingNames.reads = 0
    assert rt.call_with_names(rt.abc, names, 4, 6, 5) == (4, 5, 6)
    assert CountingNames.reads == 0
    # Another tuple with the same names is another call site: its calls read the names...
    other = CountingNames(("c", "b"))
    assert rt.call_with_names(rt.abc, other, 7, 9, 8) == (7, 8, 9)
    assert CountingNames.reads == 2
    # ...and leave the remembered call in place...
    assert rt.call_with_names(rt.abc, names, 1, 3, 2) == (1, 2, 3)
    assert CountingNames.reads == 2
    # ...until it misses 8 times in a row: then the other call is remembered instead.
    for _ in range(8):
        assert rt.call_with_names(rt.abc, other, 7, 9, 8) == (7, 8, 9)
    assert CountingNames.reads == 18
    assert rt.call_with_names(rt.abc, other, 1, 3, 2) == (1, 2, 3)
    assert CountingNames.reads == 18


def test_a_call_that_does_not_bind_completely_is_never_remembered():
    # A remembered call binds again without any check (it bound completely, with as many
    # positional arguments): so a call missing an argument must never be the one remembered,
    # however often it is made (more than the 8 misses after which a call replaces another).
    names = CountingNames(("c",))
    CountingNames.reads = 0
    for _ in range(12):
        with pytest.raises(TypeError, match=r"^abc\(\) missing 1 required positional argument: 'b'$"):
            rt.call_with_names(rt.abc, names, 1, 3)
    assert CountingNames.reads == 12  # every call read its name: none was remembered
    # The same names with one more positional argument bind completely, and are remembered.
    remember(names, 1, 2, 3)
    CountingNames.reads = 0
    assert rt.call_with_names(rt.abc, names, 4, 5, 6) == (4, 5, 6)
    assert CountingNames.reads == 0


def test_keyword_only():
    assert rt.keyword_only(x=1, y=2) == 3
    assert rt.keyword_only(y=1, x=2, z=3) == 6
    assert str(inspect.signature(rt.keyword_only)) == "(*, x, y, z=0)"


def test_implied_optional_defaults():
    assert rt.optional(1) == (1, None, None)
    assert rt.optional(1, 2, "s") == (1, 2, "s")
    assert rt.optional(1, c="s") == (1, None, "s")
    assert rt.optional(1, None, None) == (1, None, None)
    assert str(inspect.signature(rt.optional)) == "(a, b=None, c=None)"


def test_meth_o_convention():
    assert rt.square(7) == 49
    assert str(inspect.signature(rt.square)) == "(x, /)"
    # METH_O: CPython checks the call itself, with its builtin wording
    with pytest.raises(TypeError, match="^roundtrip.square\\(\\) takes exactly one argument \\(0 given\\)$"):
        rt.square()
    with pytest.raises(TypeError, match="takes no keyword arguments"):
        rt.square(x=1)
    with pytest.raises(TypeError, match="^square\\(\\) argument 'x' must be int, not str$"):
        rt.square("7")


def test_fastcall_without_keywords():
    assert rt.positional_only(1) == (1, 10)
    assert rt.positional_only(1, 2) == (1, 2)
    assert str(inspect.signature(rt.positional_only)) == "(a, b=10, /)"
    with pytest.raises(TypeError, match="takes no keyword arguments"):
        rt.positional_only(a=1)
    with pytest.raises(TypeError, match="^positional_only\\(\\) takes from 1 to 2 positional arguments but 3 were given$"):
        rt.positional_only(1, 2, 3)
    with pytest.raises(TypeError, match="^positional_only\\(\\) missing 1 required positional argument: 'a'$"):
        rt.positional_only()


def test_renamed_function_and_context_anywhere():
    assert rt.renamed(5) == (5, True)
    assert rt.renamed.__name__ == "renamed"
    assert not hasattr(rt, "original_name")
    assert str(inspect.signature(rt.renamed)) == "(x)"


@pytest.mark.parametrize("count", [0, 1, 8, 9, 20])
def test_varargs_view_lends_the_arguments_themselves(count):
    objects = [object() for _ in range(count)]
    for keywords, last in (({}, 0), ({"last": 5}, 5)):  # the inline and the general binder
        first, rest, n, got_last = rt.varargs_view(1, *objects, **keywords)
        assert (first, n, got_last) == (1, count, last)
        assert len(rest) == count and all(a is b for a, b in zip(rest, objects))


def test_kwargs_as_dict():
    assert rt.kwargs_dict() == {}
    assert rt.kwargs_dict(a=1, b="x") == {"a": 1, "b": "x"}


@pytest.mark.parametrize("view", [rt.varkw_view_all, rt.varkw_view_named])
@pytest.mark.parametrize("count", [0, 1, 8, 9, 20])  # inline, full, spilled
def test_varkw_view_lends_the_keyword_arguments(view, count):
    kwargs = {f"k{i}": object() for i in range(count)}
    key = f"k{count - 1}"
    names, values, found, as_dict = view(key, **kwargs)
    assert names == list(kwargs)
    assert len(values) == count and all(a is b for a, b in zip(values, kwargs.values()))
    assert found is kwargs.get(key)
    assert as_dict == kwargs


def test_varkw_view_counts_without_building_entries():
    assert rt.varkw_count() == (False, 0)
    assert rt.varkw_count(a=1, key=2, b=3) == (True, 2)
    assert rt.varkw_count(**{f"k{i}": i for i in range(12)}) == (False, 12)


def test_varkw_view_get_compares_whole_names():
    for key in ("caf", "café!", "cafe", "é"):
        assert rt.varkw_view_all(key, café=1)[2] is None
    assert rt.varkw_view_all("café", café=1, cafe=2)[2] == 1
    assert rt.varkw_view_all("größe", größe=3)[2] == 3


def test_varkw_view_takes_positional_only_names():
    # as `def f(key, /, **kwargs)`: a keyword named like a positional-only parameter is
    # one of the **kwargs
    names, _, found, as_dict = rt.varkw_view_all("key", key=7)
    assert (names, found, as_dict) == (["key"], 7, {"key": 7})


def test_varkw_view_with_a_name_bound_by_keyword():
    names, _, found, as_dict = rt.varkw_view_named(key="a", a=1, b=2)
    assert (names, found, as_dict) == (["a", "b"], 1, {"a": 1, "b": 2})


def test_kwargs_value_conversion_names_the_keyword():
    with pytest.raises(TypeError) as e:
        rt.every_kind(1, 2, d=4, f="x")
    assert str(e.value) == "every_kind() argument 'extra' keyword argument 'f' must be int, not str"


def test_varargs_conversion_names_the_item():
    with pytest.raises(TypeError) as e:
        rt.every_kind(1, 2, 3, 4, "x", d=4)
    assert str(e.value) == "every_kind() argument 'rest' item 1 must be int, not str"


def test_varargs_conversion_of_the_extensions_own():
    assert rt.total() == 0
    assert rt.total(1, 2, 3) == 6
    with pytest.raises(TypeError) as e:
        rt.total(1, "x")
    assert str(e.value) == "total() argument 'numbers' must be int, not str"
    with pytest.raises(OverflowError, match="the total overflows"):
        rt.total(2**62, 2**62)


def test_keyword_names_of_a_str_subclass_with_a_hash_of_its_own():
    # CPython compares keyword names by equality, not hash (debug mode matches by hash first).
    class Name(str):
        def __hash__(self):
            return 0

    assert rt.three(1, 2, **{Name("c"): 3}) == 6
    with pytest.raises(TypeError) as expected:
        three(1, 2, **{Name("d"): 3})
    with pytest.raises(TypeError) as actual:
        rt.three(1, 2, **{Name("d"): 3})
    assert str(actual.value) == str(expected.value)


def test_positional_only_names_passed_as_keywords_are_listed_in_parameter_order():
    with pytest.raises(TypeError) as expected:
        posonly_kw(b=1, a=2)
    with pytest.raises(TypeError) as actual:
        rt.posonly_kw(b=1, a=2)
    assert str(actual.value) == str(expected.value)


def test_keyword_names_that_are_not_utf8():
    name = "\udc80"
    with pytest.raises(TypeError) as expected:
        three(1, 2, 3, **{name: 1})
    with pytest.raises(TypeError) as actual:
        rt.three(1, 2, 3, **{name: 1})
    assert str(actual.value) == str(expected.value)
    assert rt.kwargs_dict(**{name: 1}) == {name: 1}


def names(*, café, größe, value, valve=0):
    pass


class Name(str):
    """A `str` subclass: keyword names may be one (through `**` with a dict)."""


def test_keywords_match_whole_names_by_code_point():
    assert rt.names(café=1, größe=2, value=3) == (1, 2, 3, 0)
    assert rt.names(valve=4, value=3, größe=2, café=1) == (1, 2, 3, 4)
    assert rt.names(**{Name("café"): 1, Name("größe"): 2, "value": 3}) == (1, 2, 3, 0)
    for kwargs in ({"cafe": 1, "größe": 2, "value": 3},
                   {"café": 1, "größe": 2, "valu": 3},
                   {"café": 1, "größe": 2, "values": 3},
                   {"café": 1, "größe": 2, "value": 3, "valve": 4, "große": 6},
                   {"café": 1, "größe": 2}):
        with pytest.raises(TypeError) as expected:
            names(**kwargs)
        with pytest.raises(TypeError) as actual:
            rt.names(**kwargs)
        assert str(actual.value) == str(expected.value)


def test_keyword_given_twice():
    with pytest.raises(TypeError) as expected:
        three(1, 2, 3, **{Name("c"): 4})
    with pytest.raises(TypeError) as actual:
        rt.three(1, 2, 3, **{Name("c"): 4})
    assert str(actual.value) == str(expected.value)


def test_rendered_and_given_text_signatures():
    assert rt.compound_defaults.__text_signature__ == "($module, a=[1, -2], b=(3,), c='x', d='q')"
    # (inspect cannot show a tuple default from a text signature: it shows `b=3`)
    assert str(inspect.signature(rt.compound_defaults)).startswith("(a=[1, -2], b=")
    assert rt.compound_defaults() == ([1, -2], (3,), "x", "q")
    assert str(inspect.signature(rt.given_signature)) == "(n=9223372036854775807)"
    assert rt.given_signature() == 2**63 - 1


def test_kwargs_of_a_module_function_from_c():
    # C code calling `PyObject_Call` hands the callee its own keyword dict, keys unchecked
    # (a builtin taking CPython's tuple and dict, as these are in the CPython ABI, gets it as
    # it is): refused or viewed as a `def` would.
    import ctypes

    call = ctypes.pythonapi.PyObject_Call
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object, ctypes.py_object, ctypes.py_object]

    d = {"a": 1, "k": 2}
    assert call(rt.varkw_view_all, ("k",), d) == (["a", "k"], [1, 2], 2, {"a": 1, "k": 2})
    assert call(rt.kwargs_dict, (), d) == d and call(rt.kwargs_dict, (), d) is not d
    assert call(rt.varkw_count, (), d) == (False, 2)
    for f in (rt.kwargs_dict, rt.varkw_view_all):
        with pytest.raises(TypeError, match=r"^keywords must be strings$"):
            call(f, ("k",), {1: 2})


@pytest.mark.skipif(os.environ.get("HPY_RS_ABI") != "cpython",
                    reason="the universal ABI has only HPy's vectorcall convention")
def test_in_the_cpython_abi_kwargs_functions_take_cpythons_tuple_and_dict():
    # White box: the builtin's PyMethodDef (`m_ml`, after PyObject_HEAD).
    import ctypes

    def flags(f):
        address = ctypes.c_void_p.from_address(id(f) + 2 * ctypes.sizeof(ctypes.c_void_p)).value
        return ctypes.c_int.from_address(address + 2 * ctypes.sizeof(ctypes.c_void_p)).value

    assert flags(rt.kwargs_dict) == flags(rt.varkw_view_all) == 0x0001 | 0x0002  # VARARGS | KEYWORDS
    assert flags(rt.varkw_view_named) == flags(rt.varkw_count) == 0x0080 | 0x0002  # FASTCALL | KEYWORDS
