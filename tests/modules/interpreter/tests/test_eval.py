"""`Context::compile`, `eval_code`, `eval` and `run`: Python source text run from Rust. Run in
universal and debug mode (under LeakDetector)."""

import types

import pytest

import interpreter


def test_compile_gives_code_objects_of_each_mode():
    code = interpreter.compile("1 + 2", "<expr>", "eval")
    assert isinstance(code, types.CodeType) and code.co_filename == "<expr>"
    assert eval(code) == 3
    namespace = {}
    exec(interpreter.compile("x = 4\ny = x * 2", "file.py", "exec"), namespace)
    assert namespace["y"] == 8
    assert isinstance(interpreter.compile("z = 1", "<single>", "single"), types.CodeType)


def test_syntax_errors_name_the_file_and_line():
    with pytest.raises(SyntaxError) as info:
        interpreter.compile("x = 1\ny = = 2", "broken.py", "exec")
    assert info.value.filename == "broken.py" and info.value.lineno == 2
    with pytest.raises(SyntaxError):
        interpreter.compile("x = 1", "<expr>", "eval")  # a statement is no expression


def test_nul_bytes_are_refused():
    with pytest.raises(ValueError, match="source code string cannot contain null bytes"):
        interpreter.compile("1\0", "f", "eval")
    with pytest.raises(ValueError, match="filename"):
        interpreter.compile("1", "f\0", "eval")


def test_eval_code_with_globals_and_locals():
    code = interpreter.compile("a * b", "<expr>", "eval")
    assert interpreter.eval_code(code, {"a": 6, "b": 7}) == 42
    assert interpreter.eval_code(code, {"a": 6}, {"b": 2}) == 12
    statements = interpreter.compile("c = a + 1", "<exec>", "exec")
    namespace = {"a": 1}
    assert interpreter.eval_code(statements, namespace) is None
    assert namespace["c"] == 2 and "__builtins__" in namespace
    local = {}
    interpreter.eval_code(statements, {"a": 10}, local)
    assert local == {"c": 11}


def test_globals_must_be_a_dict():
    code = interpreter.compile("1", "<expr>", "eval")
    with pytest.raises(TypeError, match="^globals must be a dict, not list$"):
        interpreter.eval_code(code, [])


def test_builtins_are_available():
    assert interpreter.eval("len('abc') + max(1, 2)") == 5
    assert interpreter.eval("len([])", {}) == 0
    namespace = {"__builtins__": {"len": lambda s: 99}}
    assert interpreter.eval("len('abc')", namespace) == 99  # the caller's builtins are kept


def test_eval_and_run():
    assert interpreter.eval("2 ** 100") == 2**100
    assert interpreter.eval("x + y", {"x": 1}, {"y": 2}) == 3
    namespace = {}
    assert interpreter.run("def f(n):\n    return n * 3\nvalue = f(5)", namespace) is None
    assert namespace["value"] == 15 and namespace["f"](2) == 6
    local = {}
    interpreter.run("v = 1", {}, local)
    assert local == {"v": 1}
    interpreter.run("pass")


def test_exceptions_propagate():
    with pytest.raises(ZeroDivisionError):
        interpreter.eval("1 / 0")
    with pytest.raises(NameError, match="undefined_name"):
        interpreter.eval("undefined_name")
    with pytest.raises(KeyError):
        interpreter.run("raise KeyError('k')")


def test_locals_may_be_any_mapping():
    class Mapping(dict):
        def __missing__(self, key):
            return key.upper()

    assert interpreter.eval("hello", {}, Mapping()) == "HELLO"


def test_reentrant():
    namespace = {"interpreter": interpreter}
    assert interpreter.eval("interpreter.eval('interpreter.eval(\"1 + 1\")', g)", {"g": namespace} | namespace) == 2


def test_eval_code_takes_only_code_objects():
    """Anything else would be read by CPython as a code object: a TypeError instead."""
    import types

    class Proxy:
        __class__ = types.CodeType

    for not_code in (12345, "1 + 2", [1, 2], None, Proxy()):
        with pytest.raises(TypeError, match="^code must be a code object, not "):
            interpreter.eval_code(not_code, {})
