"""The mixed package: its Python modules and its native part, imported as one package."""

import pytest

import mixed
from mixed import _native, report


def test_the_package_reexports_the_native_function():
    assert mixed.count_words("one two  three\n") == 3
    assert mixed.count_words is _native.count_words
    assert _native.__name__ == "mixed._native"


def test_pure_python_modules_use_the_native_part():
    counts, total = mixed.summary(["a b", "c"])
    assert counts == {"a b": 2, "c": 1} and total == 3
    assert report.summary([]) == ({}, 0)


def test_conversion_errors_name_the_argument():
    with pytest.raises(TypeError) as e:
        mixed.count_words(3)
    assert str(e.value) == "count_words() argument 'text' must be str, not int"
