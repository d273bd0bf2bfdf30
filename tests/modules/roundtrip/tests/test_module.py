"""Module-level features: constants, init, globals, errors, panics, the context."""

import os

import pytest

import roundtrip as rt


def test_constants_and_init():
    assert rt.ANSWER == 42
    assert rt.GREETING == "hi"
    assert rt.initialized is True
    assert rt.__doc__ == "Round trips through every conversion of hpy-rs."


def test_context_matches_the_mode():
    expected = {
        "universal": "HPy Universal ABI (CPython backend)",
        "debug": "HPy Debug Mode ABI",
    }[os.environ.get("HPY", "universal").lower()]
    assert rt.context_name() == expected


def test_error_matching_and_clearing():
    d = {"a": 1}
    assert rt.get_or(d, "a", 0) == 1
    assert rt.get_or(d, "missing", "default") == "default"
    with pytest.raises(TypeError, match="unhashable"):
        rt.get_or(d, [], 0)


def test_rust_errors_become_python_exceptions():
    with pytest.raises(FileNotFoundError):
        rt.rust_error("not_found")
    with pytest.raises(ValueError, match="invalid digit found in string"):
        rt.rust_error("parse_int")
    with pytest.raises(OverflowError):
        rt.rust_error("try_from")
    with pytest.raises(ValueError, match='unknown kind "x"'):
        rt.rust_error("x")


def test_formatted_panics():
    with pytest.raises(BaseException) as e:
        rt.panic_with(7)
    assert type(e.value).__name__ == "PanicException"
    assert str(e.value) == "formatted panic 7"
    assert type(e.value).__module__ == "hpy_rs"
