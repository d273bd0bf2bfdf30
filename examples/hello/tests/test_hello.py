"""The Python-visible contract of the `hello` demo module.

Run by the hpy-rs test harness three times: in HPy universal mode, in HPy debug mode, where
every test runs under hpy.debug.LeakDetector (see tests/python/hpy_rs_pytest.py), and built
for the CPython ABI.
"""

import gc
import inspect
import math
import os
import sysconfig

import pytest

import hello


class Index:
    """An object that is not an int but converts through __index__."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class Real:
    def __float__(self):
        return 2.5


# The same signatures written as Python functions: their argument errors are the reference.


def add(a, b=0):
    pass


def greet(name, *, greeting="Hello"):
    pass


def kwargs_keys(**kwargs):
    pass


def expect_same_error(reference, function, *args, **kwargs):
    with pytest.raises(TypeError) as expected:
        reference(*args, **kwargs)
    with pytest.raises(TypeError) as actual:
        function(*args, **kwargs)
    assert str(actual.value) == str(expected.value)


# --- add(a: int, b: int = 0) -> int -------------------------------------------------------

def test_add():
    assert hello.add(1, 2) == 3
    assert hello.add(5) == 5
    assert hello.add(a=1, b=2) == 3
    assert hello.add(-7, b=3) == -4
    assert hello.add(True, 1) == 2
    assert hello.add(Index(40), Index(2)) == 42


def test_add_64_bit_range():
    assert hello.add(2**63 - 1) == 2**63 - 1
    assert hello.add(-(2**63)) == -(2**63)
    with pytest.raises(OverflowError):
        hello.add(2**63)
    with pytest.raises(OverflowError):
        hello.add(0, -(2**63) - 1)
    with pytest.raises(OverflowError, match="add\\(\\) result does not fit in 64 bits"):
        hello.add(2**62, 2**62)


def test_add_wrong_types():
    with pytest.raises(TypeError, match="^add\\(\\) argument 'a' must be int, not float$"):
        hello.add(1.5)
    with pytest.raises(TypeError, match="^add\\(\\) argument 'b' must be int, not str$"):
        hello.add(1, "2")
    with pytest.raises(TypeError, match="^add\\(\\) argument 'a' must be int, not NoneType$"):
        hello.add(None)


def test_add_argument_errors_match_a_python_def():
    for args, kwargs in [((), {}), ((1, 2, 3), {}), ((1,), {"a": 2}), ((1,), {"c": 3}), ((), {"b": 1})]:
        expect_same_error(add, hello.add, *args, **kwargs)
    with pytest.raises(TypeError) as actual:
        hello.add()
    assert str(actual.value) == "add() missing 1 required positional argument: 'a'"


def test_add_signature_and_doc():
    assert str(inspect.signature(hello.add)) == "(a, b=0)"
    assert hello.add.__doc__ == "Add two 64-bit integers."
    assert hello.add.__name__ == "add"


# --- greet(name: str, *, greeting: str = "Hello") -> str -----------------------------------

def test_greet():
    assert hello.greet("Ada") == "Hello, Ada!"
    assert hello.greet("Bob", greeting="Hi") == "Hi, Bob!"
    assert hello.greet(name="Cy") == "Hello, Cy!"


def test_greet_text_round_trips():
    assert hello.greet("Zoë", greeting="¡Hola") == "¡Hola, Zoë!"
    assert hello.greet("🐍") == "Hello, 🐍!"
    assert hello.greet("a\0b") == "Hello, a\0b!"
    assert hello.greet("") == "Hello, !"


def test_greet_errors():
    for args, kwargs in [(("a", "b"), {}), ((), {}), (("a",), {"nam": 1}), (("a",), {"name": 1})]:
        expect_same_error(greet, hello.greet, *args, **kwargs)
    with pytest.raises(TypeError, match="^greet\\(\\) argument 'name' must be str, not int$"):
        hello.greet(1)
    with pytest.raises(TypeError, match="^greet\\(\\) argument 'greeting' must be str, not bytes$"):
        hello.greet("a", greeting=b"x")
    with pytest.raises(UnicodeEncodeError):
        hello.greet("\udc80")


def test_greet_signature():
    assert str(inspect.signature(hello.greet)) == "(name, *, greeting='Hello')"


# --- divide(a: float, b: float) -> float ---------------------------------------------------

def test_divide():
    assert hello.divide(1.0, 4.0) == 0.25
    assert hello.divide(1, 4) == 0.25
    assert hello.divide(Real(), 1) == 2.5
    assert hello.divide(-3, 2) == -1.5
    assert math.isnan(hello.divide(math.nan, 1))
    assert hello.divide(math.inf, 2) == math.inf


def test_divide_by_zero():
    for zero in (0, 0.0, -0.0, False):
        with pytest.raises(ZeroDivisionError) as e:
            hello.divide(1, zero)
        assert str(e.value) == "division by zero"
        assert e.value.args == ("division by zero",)


def test_divide_wrong_types():
    with pytest.raises(TypeError, match="^divide\\(\\) argument 'a' must be real number, not str$"):
        hello.divide("1", 2)
    with pytest.raises(TypeError, match="^divide\\(\\) argument 'b' must be real number, not complex$"):
        hello.divide(1, 1j)
    with pytest.raises(TypeError, match="^divide\\(\\) missing 1 required positional argument: 'b'$"):
        hello.divide(1)


# --- sum_list(xs: list) -> int -------------------------------------------------------------

def test_sum_list():
    assert hello.sum_list([1, 2, 3]) == 6
    assert hello.sum_list([]) == 0
    assert hello.sum_list(list(range(1000))) == sum(range(1000))
    assert hello.sum_list([-(2**63), 2**63 - 1]) == -1


def test_sum_list_names_the_offending_item():
    with pytest.raises(TypeError) as e:
        hello.sum_list([1, "a", 3])
    assert str(e.value) == "sum_list() argument 'xs' item 1 must be int, not str"
    with pytest.raises(TypeError) as e:
        hello.sum_list([1, 2, 3.5])
    assert str(e.value) == "sum_list() argument 'xs' item 2 must be int, not float"
    with pytest.raises(TypeError) as e:
        hello.sum_list(5)
    assert str(e.value) == "sum_list() argument 'xs' must be iterable, not int"


def test_sum_list_overflow():
    with pytest.raises(OverflowError):
        hello.sum_list([2**64])
    with pytest.raises(OverflowError, match="does not fit in 64 bits"):
        hello.sum_list([2**63 - 1, 1])


# --- join(*parts: str, sep: str = " ") -> str ----------------------------------------------

def test_join():
    assert hello.join() == ""
    assert hello.join("a") == "a"
    assert hello.join("a", "b", "c") == "a b c"
    assert hello.join("a", "b", sep="-") == "a-b"
    assert hello.join("x", "y", sep="") == "xy"
    assert hello.join("ü", "ß", sep="·") == "ü·ß"


def test_join_errors():
    with pytest.raises(TypeError) as e:
        hello.join("a", 2)
    assert str(e.value) == "join() argument 'parts' item 1 must be str, not int"
    with pytest.raises(TypeError) as e:
        hello.join("a", sep=None)
    assert str(e.value) == "join() argument 'sep' must be str, not NoneType"
    with pytest.raises(TypeError) as e:
        hello.join("a", parts="b")
    assert str(e.value) == "join() got an unexpected keyword argument 'parts'"
    assert str(inspect.signature(hello.join)) == "(*parts, sep=' ')"


# --- kwargs_keys(**kwargs) -> list[str] ----------------------------------------------------

def test_kwargs_keys():
    assert hello.kwargs_keys() == []
    assert hello.kwargs_keys(b=1, a=2, c=None) == ["a", "b", "c"]
    assert hello.kwargs_keys(**{"z": 0, "é": 1}) == ["z", "é"]


def test_kwargs_keys_rejects_positional():
    expect_same_error(kwargs_keys, hello.kwargs_keys, 1)
    expect_same_error(kwargs_keys, hello.kwargs_keys, 1, a=2)
    assert str(inspect.signature(hello.kwargs_keys)) == "(**kwargs)"


# --- echo(obj) -> obj ----------------------------------------------------------------------

def test_echo_returns_the_same_object():
    for obj in [object(), None, 1, "s", [1], {"a": 1}, hello, 2**100]:
        assert hello.echo(obj) is obj
    lst = []
    assert hello.echo(obj=lst) is lst


def test_echo_argument_errors():
    with pytest.raises(TypeError, match="^echo\\(\\) missing 1 required positional argument: 'obj'$"):
        hello.echo()
    with pytest.raises(TypeError, match="^echo\\(\\) takes 1 positional argument but 2 were given$"):
        hello.echo(1, 2)


# --- boom() --------------------------------------------------------------------------------

def test_boom_raises_the_panic_message():
    with pytest.raises(BaseException) as e:
        hello.boom()
    assert type(e.value).__name__ == "PanicException"
    assert not isinstance(e.value, Exception), "a panic must not be swallowed by `except Exception`"
    assert "boom: this panic was raised in Rust" in str(e.value)


def test_interpreter_goes_on_after_panics():
    for _ in range(3):
        with pytest.raises(BaseException, match="boom"):
            hello.boom()
    assert hello.add(2, 2) == 4


def test_boom_takes_no_arguments():
    # A no-argument function uses METH_NOARGS: CPython checks the call itself, with the
    # wording of its version (3.10 added the module's name), as for its own functions.
    with pytest.raises(TypeError) as builtin:
        gc.isenabled(1)
    expected = str(builtin.value).replace("gc.isenabled", "hello.boom").replace("isenabled", "boom")
    with pytest.raises(TypeError) as e:
        hello.boom(1)
    assert str(e.value) == expected
    assert str(inspect.signature(hello.boom)) == "()"


# --- the module ----------------------------------------------------------------------------

def test_module_attributes():
    assert hello.__name__ == "hello"
    assert hello.__doc__.startswith("A small demo of hpy-rs")
    # The universal ABI's library, or one built for this CPython (`--abi cpython`).
    suffix = (
        sysconfig.get_config_var("EXT_SUFFIX")
        if os.environ.get("HPY_RS_ABI") == "cpython"
        else ".hpy0.so"
    )
    assert hello.__file__.endswith("hello" + suffix)
    names = {"add", "greet", "divide", "sum_list", "join", "kwargs_keys", "echo", "boom"}
    assert names <= set(dir(hello))
