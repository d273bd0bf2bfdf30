"""Two extensions sharing a C struct: `capsule_user` imports the capsule `capsules.api` by name
and calls the functions `capsules` put in it. Run in universal and debug mode (under
LeakDetector), with the `capsules` extension on the path."""

import sys

import pytest

import capsule_user


def test_calls_through_the_other_extensions_api():
    assert capsule_user.add(2, 40) == 42
    assert capsule_user.scale(14) == 42  # capsules's factor is 3


def test_the_import_loaded_the_other_extension():
    import capsules

    assert sys.modules["capsules"] is capsules
    assert capsule_user.version(capsules.api) == 1


def test_reading_a_capsule_of_another_name_fails():
    import capsules

    with pytest.raises(ValueError, match="^PyCapsule_GetPointer called with incorrect name$"):
        capsule_user.version(capsules.make_counted(1))
    with pytest.raises(ValueError, match="^PyCapsule_GetPointer called with invalid PyCapsule object$"):
        capsule_user.version(capsules)


def test_a_replaced_attribute_is_refused(monkeypatch):
    import capsules

    monkeypatch.setattr(capsules, "api", capsules.make_counted(5))
    with pytest.raises(AttributeError, match='^PyCapsule_Import "capsules.api" is not valid$'):
        capsule_user.add(1, 2)
