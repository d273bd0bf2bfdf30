"""Capsules that own Rust values, typed reads, and the raw-pointer API on capsules of C code.
Run in universal and debug mode (under LeakDetector)."""

import ctypes
import datetime
import gc

import pytest

import capsules

NOT_A_CAPSULE = "PyCapsule_GetPointer called with invalid PyCapsule object"
WRONG_NAME = "PyCapsule_GetPointer called with incorrect name"


def c_pointer(capsule, name):
    """What CPython's own PyCapsule_GetPointer returns, through ctypes."""
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype = ctypes.c_void_p
    get.argtypes = [ctypes.py_object, ctypes.c_char_p]
    return get(capsule, name)


def test_the_module_exports_its_api_as_a_capsule():
    assert type(capsules.api).__name__ == "PyCapsule"
    assert repr(capsules.api).startswith('<capsule object "capsules.api" at ')
    assert capsules.name(capsules.api) == "capsules.api"
    assert capsules.api_add(capsules.api, 2, 40) == 42


def test_the_typed_read_checks_the_name():
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.counted_value(capsules.api)
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.api_add(capsules.make_counted(1), 1, 2)
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.api_add(datetime.datetime_CAPI, 1, 2)


@pytest.mark.parametrize("obj", [1, "capsules.api", None, capsules, object()])
def test_the_typed_read_of_an_object_that_is_not_a_capsule(obj):
    with pytest.raises(ValueError, match=f"^{NOT_A_CAPSULE}$"):
        capsules.api_add(obj, 1, 2)
    with pytest.raises(ValueError, match=f"^{NOT_A_CAPSULE}$"):
        capsules.pointer(obj, "capsules.api")
    with pytest.raises(ValueError, match="^PyCapsule_GetName called with invalid PyCapsule object$"):
        capsules.name(obj)
    assert not capsules.is_valid(obj, "capsules.api")


def test_a_capsule_owns_its_value_until_it_is_freed():
    before = capsules.drops()
    capsule = capsules.make_counted(7)
    assert capsules.counted_value(capsule) == 7
    assert capsules.name(capsule) == "capsules.counted"
    assert capsules.drops() == before
    del capsule
    gc.collect()
    assert capsules.drops() == before + 1


def test_every_value_is_dropped_once():
    before = capsules.drops()
    many = [capsules.make_counted(n) for n in range(100)]
    assert [capsules.counted_value(c) for c in many] == list(range(100))
    assert capsules.drops() == before
    del many
    gc.collect()
    assert capsules.drops() == before + 100


def test_a_panic_in_drop_is_reported_not_unwound(capfd):
    capsule = capsules.make_panicky()
    assert capsules.name(capsule) == "capsules.panicky"
    capfd.readouterr()
    del capsule
    gc.collect()
    err = capfd.readouterr().err
    assert "hpy-rs: a panic while dropping the value of a `capsules.panicky` capsule object was ignored" in err
    assert "Panicky::drop panicked" in err
    assert capsules.api_add(capsules.api, 1, 1) == 2  # the interpreter carries on


def test_the_pointer_is_the_one_cpython_sees():
    capsule = capsules.make_counted(3)
    assert capsules.pointer(capsule, "capsules.counted") == c_pointer(capsule, b"capsules.counted")
    assert capsules.pointer(capsules.api, "capsules.api") == c_pointer(capsules.api, b"capsules.api")
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.pointer(capsule, "capsules.api")
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.pointer(capsule, None)


def test_a_capsule_of_cpython_through_the_raw_api():
    capi = datetime.datetime_CAPI
    assert capsules.name(capi) == "datetime.datetime_CAPI"
    assert capsules.is_valid(capi, "datetime.datetime_CAPI")
    assert not capsules.is_valid(capi, "datetime.other")
    assert not capsules.is_valid(capi, None)
    assert capsules.pointer(capi, "datetime.datetime_CAPI") == c_pointer(capi, b"datetime.datetime_CAPI")
    # id() is the address on CPython
    assert capsules.datetime_types(capi) == (id(datetime.date), id(datetime.datetime))
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.datetime_types(capsules.api)


def test_a_capsule_without_a_name():
    new = ctypes.pythonapi.PyCapsule_New
    new.restype = ctypes.py_object
    new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
    anonymous = new(1234, None, None)
    assert capsules.name(anonymous) is None
    assert capsules.is_valid(anonymous, None)
    assert not capsules.is_valid(anonymous, "capsules.api")
    assert capsules.pointer(anonymous, None) == 1234
    with pytest.raises(ValueError, match=f"^{WRONG_NAME}$"):
        capsules.pointer(anonymous, "capsules.api")


def test_a_name_with_a_nul_is_refused():
    with pytest.raises(ValueError):
        capsules.pointer(capsules.api, "capsules\0api")
