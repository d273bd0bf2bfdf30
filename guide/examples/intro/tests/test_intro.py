"""What introduction.md says its first module does, checked from Python in HPy universal and
debug mode by the repository's harness."""

import pytest

import intro


def test_greet():
    assert intro.greet("Ada", greeting="Hi") == "Hi, Ada!"
    assert intro.greet("Ada") == "Hello, Ada!"
    with pytest.raises(TypeError):
        intro.greet("Ada", "Hi")  # greeting is keyword-only
    assert intro.greet.__doc__.startswith("Greet someone.")


def test_point():
    assert intro.Point(3, 4).norm() == 5.0
    assert intro.__doc__ == "My first module."
