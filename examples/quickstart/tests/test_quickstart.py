"""The behaviour the README shows for the quickstart module."""

import pytest

import quickstart


def test_readme_claims():
    assert quickstart.greet("Ada") == "Hello, Ada!"
    assert quickstart.greet("Ada", greeting="Hi") == "Hi, Ada!"
    assert quickstart.divide(1, 4) == 0.25
    with pytest.raises(TypeError) as e:
        quickstart.greet(42)
    assert str(e.value) == "greet() argument 'name' must be str, not int"
    with pytest.raises(ZeroDivisionError, match="^division by zero$"):
        quickstart.divide(1, 0)
    assert quickstart.__doc__ == "My first HPy module."
