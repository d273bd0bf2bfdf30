"""Module-level features: constants, init, globals, errors, panics, the context."""

import os

import pytest

import roundtrip as rt

# "universal" or "debug" (the `HPY` the harness sets), or "cpython" when the module was
# built for the CPython ABI.
MODE = "cpython" if os.environ.get("HPY_RS_ABI") == "cpython" else os.environ.get("HPY", "universal").lower()


def test_constants_and_init():
    assert rt.ANSWER == 42
    assert rt.GREETING == "hi"
    assert rt.__version__ == "1.0"
    assert rt.__author__ == "hpy-rs"
    assert not hasattr(rt, "AUTHOR")
    assert rt.initialized is True
    assert rt.__doc__ == "Round trips through every conversion of hpy-rs."


def test_context_matches_the_mode():
    expected = {
        "universal": "HPy Universal ABI (CPython backend)",
        "debug": "HPy Debug Mode ABI",
        "cpython": "HPy CPython ABI",
    }[MODE]
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


def test_a_panic_payload_that_panics_when_dropped_is_not_dropped():
    # `panic_any(x)` where `x`'s Drop panics: dropping the payload at the boundary would
    # panic again with nowhere to unwind (an abort); the boundary leaks it instead.
    for _ in range(3):
        with pytest.raises(BaseException) as e:
            rt.panic_with_a_payload_that_panics_on_drop()
        assert type(e.value).__name__ == "PanicException"
        assert str(e.value) == "Rust panic with a non-string payload"


def test_an_already_set_error_kept_past_its_call_says_so():
    with pytest.raises(ValueError, match="the AttributeError was kept"):
        rt.keep_an_already_set_error(object())
    # Its AttributeError was raised (and replaced) in that call; HPy cannot keep it. Returning the
    # kept error raises a SystemError that says what happened, not CPython's "returned NULL
    # without setting an exception".
    with pytest.raises(SystemError, match=r"^an hpy::Error that stands for an exception already raised was returned, but no exception is set any more") as e:
        rt.return_the_kept_error()
    assert "without setting an exception" not in str(e.value)
    rt.return_the_kept_error()  # nothing kept any more


def test_a_dropped_already_set_error_fails_the_call_with_system_error():
    assert rt.drop_the_error(5) is True
    assert rt.drop_the_error("five") is False  # a pending TypeError: dropping it is fine
    # An OverflowError the failed conversion raised, dropped with `.ok()`: success with an
    # exception set would surface it at some later, unrelated point (CPython's fast call
    # path does not check); the boundary raises the SystemError CPython's slow path would.
    with pytest.raises(SystemError, match=r"^an extension function returned a result with an exception set: an hpy::Error that stands for an exception already raised was dropped"):
        rt.drop_the_error(2**100)
    assert rt.drop_the_error(7) is True  # nothing left behind


def test_a_pending_error_kept_across_calls_is_raised_later():
    rt.keep_a_pending_error()
    with pytest.raises(KeyError, match="kept across calls"):
        rt.return_the_kept_error()


def test_error_matching_never_trusts_a_non_type():
    rt.set_custom_error(b"not a type")
    assert rt.custom_error_matches_value_error() is False
    with pytest.raises(SystemError, match="is not a BaseException subclass"):
        rt.raise_custom_error("x")
    class Custom(ValueError):
        pass
    rt.set_custom_error(Custom)
    assert rt.custom_error_matches_value_error() is True
    with pytest.raises(Custom, match="^boom$"):
        rt.raise_custom_error("boom")
    rt.set_custom_error(KeyError)
    assert rt.custom_error_matches_value_error() is False


def test_formatting_leaves_a_pending_exception_alone():
    with pytest.raises(AttributeError, match="no_such_attribute_hpy_rs"):
        rt.debug_while_failing(object())


def test_clearing_a_handled_error():
    assert rt.i64_or_minus_one(5) == 5
    assert rt.i64_or_minus_one(2**70) == -1
    assert rt.i64_or_minus_one("x") == -1


def test_a_failed_exec_leaves_no_module_behind(tmp_path, monkeypatch):
    # HPy 0.9's loader frees the definition of a module whose exec failed, while the module
    # object lives on in a cycle with its functions; the exec slot deletes the module's
    # attributes first, so it is freed at once (a collection that found it later would read
    # the freed definition). A copy of the library, so its statics are its own. (Built for
    # the CPython ABI, CPython's loader keeps the definition, and the module goes all the same.)
    import gc
    import importlib.machinery
    import importlib.util
    import shutil
    import types

    copy = str(tmp_path / os.path.basename(rt.__file__))
    shutil.copy(rt.__file__, copy)

    def load():
        if MODE == "cpython":
            loader = importlib.machinery.ExtensionFileLoader("roundtrip", copy)
            spec = importlib.util.spec_from_file_location("roundtrip", copy, loader=loader)
            loader.exec_module(importlib.util.module_from_spec(spec))
            return
        import hpy.universal

        spec = importlib.machinery.ModuleSpec("roundtrip", None, origin=copy)
        hpy.universal.load("roundtrip", copy, spec, mode={"universal": 0, "debug": 1}[MODE])

    def roundtrip_modules():
        return [m for m in gc.get_objects() if isinstance(m, types.ModuleType) and m.__name__ == "roundtrip"]

    before = len(roundtrip_modules())
    monkeypatch.setenv("HPY_RS_ROUNDTRIP_FAIL_INIT", "1")
    gc.disable()  # freed at once, not by a collection that would read the freed definition
    try:
        with pytest.raises(ImportError, match="^init failed on request$"):
            load()
        assert len(roundtrip_modules()) == before
    finally:
        gc.enable()
