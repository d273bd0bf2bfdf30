"""`Context::import_capsule`: CPython's PyCapsule_Import, with its errors. Run in universal and
debug mode (under LeakDetector)."""

import ctypes
import datetime
import sys

import pytest

import capsules


def test_import_by_name():
    assert capsules.import_capsule("capsules.api") is capsules.api
    assert capsules.import_capsule("datetime.datetime_CAPI") is datetime.datetime_CAPI


def test_a_module_that_cannot_be_imported():
    with pytest.raises(ImportError, match='^PyCapsule_Import could not import module "no_such_module_x"$'):
        capsules.import_capsule("no_such_module_x.api")


def test_a_missing_attribute():
    with pytest.raises(AttributeError, match="^module 'capsules' has no attribute 'nope'$"):
        capsules.import_capsule("capsules.nope")
    with pytest.raises(AttributeError, match="'PyCapsule' object has no attribute 'x'$"):
        capsules.import_capsule("datetime.datetime_CAPI.x")


@pytest.mark.parametrize("name", ["capsules.make_counted", "datetime", "datetime.date"])
def test_an_object_that_is_not_that_capsule(name):
    with pytest.raises(AttributeError, match=f'^PyCapsule_Import "{name}" is not valid$'):
        capsules.import_capsule(name)


def test_a_capsule_under_another_name():
    sys.modules["capsules_alias"] = capsules
    try:
        with pytest.raises(AttributeError, match='^PyCapsule_Import "capsules_alias.api" is not valid$'):
            capsules.import_capsule("capsules_alias.api")
    finally:
        del sys.modules["capsules_alias"]


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `cappkg` whose submodule `cappkg.sub` (which `cappkg` does not import) holds a
    capsule named `cappkg.sub.cap`, made by CPython through ctypes."""
    (tmp_path / "cappkg").mkdir()
    (tmp_path / "cappkg" / "__init__.py").write_text("")
    (tmp_path / "cappkg" / "sub.py").write_text(
        "import ctypes\n"
        "NAME = ctypes.create_string_buffer(b'cappkg.sub.cap')\n"
        "new = ctypes.pythonapi.PyCapsule_New\n"
        "new.restype = ctypes.py_object\n"
        "new.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]\n"
        "cap = new(4321, ctypes.addressof(NAME), None)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in ["cappkg.sub", "cappkg"]:
        sys.modules.pop(name, None)


def test_a_submodule_the_package_does_not_import(package):
    capsule = capsules.import_capsule("cappkg.sub.cap")
    import cappkg.sub

    assert capsule is cappkg.sub.cap
    assert capsules.pointer(capsule, "cappkg.sub.cap") == 4321


def test_a_missing_submodule_is_a_missing_attribute(package):
    with pytest.raises(AttributeError, match="^module 'cappkg' has no attribute 'nosub'$"):
        capsules.import_capsule("cappkg.nosub.cap")


def test_a_submodule_that_fails_raises_its_error(tmp_path, monkeypatch):
    (tmp_path / "badpkg").mkdir()
    (tmp_path / "badpkg" / "__init__.py").write_text("")
    (tmp_path / "badpkg" / "sub.py").write_text("raise RuntimeError('sub failed')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(RuntimeError, match="^sub failed$"):
            capsules.import_capsule("badpkg.sub.cap")
    finally:
        sys.modules.pop("badpkg", None)
