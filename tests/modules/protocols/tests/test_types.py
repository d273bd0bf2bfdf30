"""Type-level behaviour of `protocols`: types without a constructor, renamed types, module
contents."""

import inspect
import os

import pytest

import protocols


def test_a_type_without_new_cannot_be_instantiated_from_python():
    with pytest.raises(TypeError, match=r"^cannot create 'protocols.Sealed' instances$"):
        protocols.Sealed()
    s = protocols.make_sealed(42)
    assert type(s) is protocols.Sealed and s.id == 42


def test_a_renamed_type_uses_its_python_name_everywhere():
    r = protocols.Renamed(1)
    assert type(r).__name__ == "Renamed" and type(r).__module__ == "protocols"
    assert not hasattr(protocols, "InternalName")
    assert r.plus(2) == 3
    with pytest.raises(TypeError, match=r"^Renamed.plus\(\) argument 'k' must be int, not str$"):
        r.plus("2")
    with pytest.raises(TypeError, match=r"^Renamed.__new__\(\) missing 1 required positional argument: 'n'$"):
        protocols.Renamed()


def test_a_constructor_without_parameters_refuses_arguments_as_a_def_would():
    # Table's `#[new] fn new() -> Self` takes the no-argument fast path; any argument goes
    # to the binder, with CPython's wording for `def __new__(cls)`.
    assert type(protocols.Table()) is protocols.Table
    assert type(protocols.Table(*(), **{})) is protocols.Table
    with pytest.raises(TypeError, match=r"^Table.__new__\(\) takes 1 positional argument but 2 were given$"):
        protocols.Table(1)
    with pytest.raises(TypeError, match=r"^Table.__new__\(\) got an unexpected keyword argument 'x'$"):
        protocols.Table(x=1)
    with pytest.raises(TypeError, match=r"^Table.__new__\(\) got an unexpected keyword argument 'x'$"):
        protocols.Table(1, x=2)


def test_a_global_outside_the_module_cannot_be_used():
    with pytest.raises(BaseException, match="declare it inside the #\\[hpy::module\\] module") as info:
        protocols.store_stray(1)
    assert type(info.value).__name__ == "PanicException"


def test_a_panic_in_drop_is_reported_not_raised(capfd):
    g = protocols.Grenade()
    del g  # tp_destroy runs here, with no way to raise
    err = capfd.readouterr().err
    assert "a panic while dropping a Grenade object was ignored" in err
    assert "boom in Drop" in err
    protocols.Grenade()  # and the interpreter carries on


def test_a_panic_in_drop_with_a_payload_that_panics_when_dropped(capfd):
    g = protocols.Grenade(foreign_payload=True)
    del g  # the payload's own Drop would panic again inside tp_destroy: it is not dropped
    err = capfd.readouterr().err
    assert "a panic while dropping a Grenade object was ignored" in err
    assert "Rust panic with a non-string payload" in err
    assert "a panic payload was dropped" not in err


def test_a_panic_in_a_traversal_is_reported_not_unwound(capfd):
    import gc

    u = protocols.Unruly()
    assert gc.is_tracked(u)
    assert gc.get_referents(u) == []  # the traversal stopped at the panic
    err = capfd.readouterr().err
    assert "a panic while traversing a Unruly object was ignored" in err
    gc.collect()  # the collector traverses it again, and survives


def test_module_contents():
    types = {name for name, obj in vars(protocols).items() if isinstance(obj, type)}
    assert types == {"Num", "Acc", "Seq", "Table", "Bag", "Nest", "Samples", "Grid", "Cube", "Sealed", "Renamed", "Grenade", "Unruly", "Members", "Vec2", "Stray", "Unseen", "Hollow", "HollowFrozen", "Spoofed", "Chain"}
    assert protocols.__doc__ == "Every protocol a type can implement."


def test_text_signatures():
    assert str(inspect.signature(protocols.Acc)) == "(total=0)"
    assert str(inspect.signature(protocols.Grid)) == "(rows, cols, *, fortran=False)"
    assert str(inspect.signature(protocols.Seq)) == "(*items)"
    assert protocols.Grid.__text_signature__ == "(rows, cols, *, fortran=False)"
    assert protocols.Grid.__doc__.startswith("A read-only matrix of `i32`")


def test_only_types_with_fields_are_gc_types():
    import gc

    assert gc.is_tracked(protocols.Bag())
    for obj in [protocols.Num(1), protocols.Acc(), protocols.Seq(1), protocols.Samples(1)]:
        assert not gc.is_tracked(obj)


def test_types_without_subclass_reject_subclassing():
    with pytest.raises(TypeError, match=r"^type 'protocols.Num' is not an acceptable base type$"):

        class Sub(protocols.Num):
            pass


def test_non_str_keyword_names_from_c_are_rejected_as_cpython_does():
    # Python code cannot pass them (`**{1: 2}` is refused before the call); C code calling
    # the type with a keyword dict can, and reaches `tp_new` with it.
    import ctypes

    call = ctypes.pythonapi.PyObject_Call
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object, ctypes.py_object, ctypes.py_object]

    def reference(total=0):
        return total

    for target in (reference, protocols.Acc):
        with pytest.raises(TypeError, match=r"^keywords must be strings$"):
            call(target, (), {1: 2})
    assert call(protocols.Acc, (), {"total": 3}).total == 3


def hollow(cls):
    """An object of `cls` made after replacing its `__new__` (which CPython allows for a heap
    type) by one that never calls the type's own: its payload is zeros; and the message every
    access to its value raises."""
    cls.__new__ = staticmethod(lambda c: object.__new__(c))
    name = f"protocols.{cls.__name__}"
    return cls(), rf"^{name} object is not initialized: it was created without {name}.__new__$"


def test_an_object_whose_new_was_replaced_holds_no_value_and_says_so():
    obj, message = hollow(protocols.Hollow)
    with pytest.raises(TypeError, match=message):
        obj.first()
    with pytest.raises(TypeError, match=message):
        obj.push("y")
    with pytest.raises(TypeError, match=message):
        len(obj)
    with pytest.raises(TypeError, match=message):
        obj.link
    del obj  # tp_destroy and the finalizer skip the missing value


def test_a_frozen_object_whose_new_was_replaced_holds_no_value():
    real = protocols.HollowFrozen()
    obj, message = hollow(protocols.HollowFrozen)
    with pytest.raises(TypeError, match=message):
        obj.name()
    with pytest.raises(TypeError, match=message):
        real == obj
    assert obj.size == 0  # a member CPython reads itself: zeros are a valid int
    assert real.name() == "frozen"


def test_methods_taking_every_keyword_in_kwargs():
    # In the CPython ABI these take CPython's tuple and keyword dict (METH_VARARGS |
    # METH_KEYWORDS); everywhere they behave as the same `def`s.
    acc = protocols.Acc(total=4)
    d = {"x": 1, "callback": 2}
    assert acc.forward(lambda: None, 1, 2, **d) == (4, [1, 2], {"x": 1, "callback": 2})
    assert acc.forward(lambda: None) == (4, [], {})
    assert acc.forward(lambda: None, **{}) == (4, [], {})
    assert protocols.Acc.static_kwargs(a=1) == {"a": 1}
    assert acc.static_kwargs(**d) == d
    assert protocols.Acc.class_kwargs(cls=3) == (protocols.Acc, {"cls": 3})
    with pytest.raises(TypeError, match=r"^Acc.forward\(\) missing 1 required positional argument: 'callback'$"):
        acc.forward(callback=print)


def test_kwargs_from_c_with_the_callers_own_dict():
    # C code calling `PyObject_Call` hands the callee its own dict (CPython does not copy it
    # for a builtin, nor check its keys): `**kwargs` is as a `def`'s, a new dict the caller's
    # later changes do not reach, and non-str keys are refused with CPython's message.
    import ctypes

    call = ctypes.pythonapi.PyObject_Call
    call.restype = ctypes.py_object
    call.argtypes = [ctypes.py_object, ctypes.py_object, ctypes.py_object]

    acc = protocols.Acc(total=1)
    value = object()
    d = {"a": value, "b": 2}

    def change():
        d.clear()
        d["c"] = 3

    total, args, kwargs = call(acc.forward, (change, 5), d)
    assert (total, args, kwargs) == (1, [5], {"a": value, "b": 2})
    assert kwargs["a"] is value and d == {"c": 3}

    def reference(*args, **kwargs):
        return kwargs

    for target in (reference, acc.forward, protocols.Acc.static_kwargs, acc.class_kwargs):
        with pytest.raises(TypeError, match=r"^keywords must be strings$"):
            call(target, (print,), {1: 2})


@pytest.mark.skipif(os.environ.get("HPY_RS_ABI") != "cpython",
                    reason="the universal ABI has only HPy's vectorcall convention")
def test_in_the_cpython_abi_kwargs_methods_take_cpythons_tuple_and_dict():
    # White box: the PyMethodDef behind each callable (a builtin's `m_ml`, a method
    # descriptor's `d_method`) has METH_VARARGS | METH_KEYWORDS where every keyword goes to
    # **kwargs, HPy's METH_FASTCALL | METH_KEYWORDS where a parameter takes keywords.
    import ctypes

    class MethodDef(ctypes.Structure):
        _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                    ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]

    head = 2 * ctypes.sizeof(ctypes.c_void_p)  # PyObject_HEAD

    def flags(obj, offset):
        address = ctypes.c_void_p.from_address(id(obj) + offset).value
        return MethodDef.from_address(address).ml_flags

    builtin = lambda f: flags(f, head)  # PyCFunctionObject.m_ml
    descriptor = lambda d: flags(d, head + 3 * ctypes.sizeof(ctypes.c_void_p))  # d_method
    varargs_keywords, fastcall_keywords = 0x0001 | 0x0002, 0x0080 | 0x0002
    assert descriptor(protocols.Acc.__dict__["forward"]) == varargs_keywords
    assert builtin(protocols.Acc.static_kwargs.__func__) == varargs_keywords
    assert builtin(protocols.Acc.class_kwargs.__func__) == varargs_keywords
    assert descriptor(protocols.Acc.__dict__["describe"]) == fastcall_keywords
