"""`ContextVar`: context variables created and read from Rust, per context, thread and task.
Run in universal and debug mode (under LeakDetector)."""

import asyncio
import contextvars
import threading

import pytest

import interpreter


def test_new_var_is_a_contextvars_contextvar():
    var = interpreter.new_var("answer", 42)
    assert type(var) is contextvars.ContextVar and var.name == "answer"
    assert var.get() == 42 and interpreter.var_get(var) == 42
    bare = interpreter.new_var("bare")
    with pytest.raises(LookupError):
        bare.get()
    assert interpreter.var_get(bare) is None  # no value, no default
    assert interpreter.var_get_or(bare, "fallback") == "fallback"


def test_get_or_prefers_the_set_value_then_the_given_default():
    var = interpreter.new_var("v", "own default")
    assert interpreter.var_get_or(var, "given") == "given"  # as var.get("given")
    assert var.get("given") == "given"
    interpreter.var_set(var, "set")
    assert interpreter.var_get_or(var, "given") == "set"


def test_set_and_reset_with_the_token():
    var = interpreter.new_var("v", 0)
    token = interpreter.var_set(var, 1)
    assert isinstance(token, contextvars.Token) and token.var is var
    assert var.get() == 1 and interpreter.var_get(var) == 1
    interpreter.var_reset(var, token)
    assert var.get() == 0
    with pytest.raises(RuntimeError):
        interpreter.var_reset(var, token)  # a token is used once


def test_values_are_per_context():
    var = interpreter.new_var("v", "outer")

    def inside():
        interpreter.var_set(var, "inner")
        return interpreter.var_get(var)

    assert contextvars.copy_context().run(inside) == "inner"
    assert interpreter.var_get(var) == "outer"


def test_python_and_rust_share_the_module_variable():
    assert interpreter.request_id.name == "request_id"

    def handle(name):
        assert interpreter.current_request() == "none"
        interpreter.request_id.set(name)
        assert interpreter.current_request() == name
        token = interpreter.set_request(name + "!")
        assert interpreter.request_id.get() == name + "!"
        interpreter.request_id.reset(token)
        return interpreter.current_request()

    assert contextvars.copy_context().run(handle, "r1") == "r1"
    assert interpreter.current_request() == "none"


def test_values_are_per_thread():
    var = interpreter.new_var("v", "main")
    interpreter.var_set(var, "main value")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(interpreter.var_get(var)))
    thread.start()
    thread.join()
    assert seen == ["main"]  # a new thread starts from a fresh context
    assert interpreter.var_get(var) == "main value"


def test_values_are_per_asyncio_task():
    async def task(name):
        interpreter.set_request(name)
        await asyncio.sleep(0)
        return interpreter.current_request()

    async def main():
        return await asyncio.gather(*(task(f"t{i}") for i in range(5)))

    assert asyncio.run(main()) == [f"t{i}" for i in range(5)]
    assert interpreter.current_request() == "none"


def test_objects_that_are_not_context_variables():
    with pytest.raises(TypeError):
        interpreter.var_get("not a var")
    with pytest.raises(TypeError):
        interpreter.var_set(5, 1)
    with pytest.raises(ValueError, match="NUL"):
        interpreter.new_var("a\0b")
