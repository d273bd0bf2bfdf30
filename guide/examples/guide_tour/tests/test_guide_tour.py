"""What the guide says about its examples (guide/examples/guide_tour/src/lib.rs), checked from
Python in HPy universal and debug mode by the repository's harness."""

import ast
import gc
import os
import subprocess
import sys

import numpy
import pytest

import guide_tour as t


def test_functions_and_signatures():
    assert t.scale([1, 2.5]) == [1.0, 2.5]
    assert t.scale((1, 2), 3) == [3.0, 6.0]
    assert t.scale(range(3), factor=2, cap=3) == [0.0, 2.0, 3.0]
    with pytest.raises(TypeError) as e:
        t.scale(values=[1])
    assert str(e.value) == (
        "scale() got some positional-only arguments passed as keyword arguments: 'values'"
    )
    with pytest.raises(TypeError, match="positional argument"):
        t.scale([1], 2, 3)
    with pytest.raises(TypeError) as e:
        t.scale("abc")
    assert "str" in str(e.value)
    assert t.scale.__doc__.startswith("Scale every number")


def test_errors_and_panics():
    assert t.parse_port(" 8080 ") == 8080
    assert issubclass(t.PortError, ValueError)
    with pytest.raises(t.PortError, match="^port 0 is reserved$"):
        t.parse_port("0")
    with pytest.raises(ValueError, match='^bad port "http": invalid digit found in string$'):
        t.parse_port("http")
    with pytest.raises(BaseException) as e:
        t.explode()
    assert type(e.value).__name__ == "PanicException"
    assert not isinstance(e.value, Exception)
    assert "explode() was called" in str(e.value)


def test_classes_and_borrows():
    c = t.Counter()
    assert c.count == 0
    seen = []
    assert c.run(seen.append, 3) == 3
    assert seen == [1, 2, 3]
    c.count = 10
    assert t.Counter(start=5).count == 5
    with pytest.raises(RuntimeError, match="^Already mutably borrowed$"):
        c.run(lambda n: c.count, 1)
    assert c.count == 11
    with pytest.raises(TypeError):
        del c.count


def test_frozen():
    a, b = t.Money(150), t.Money(250)
    assert a + b == t.Money(400)
    assert repr(a + b) == "Money(400)"
    assert a.cents == 150
    with pytest.raises(AttributeError):
        a.cents = 1
    assert {a: 1}[t.Money(150)] == 1
    with pytest.raises(OverflowError):
        t.Money(2**62) + t.Money(2**62)
    with pytest.raises(TypeError) as e:
        a + 1
    assert str(e.value) == "unsupported operand type(s) for +: 'guide_tour.Money' and 'int'"


def test_fields_and_gc():
    s = t.Stack()
    s.push(1)
    s.push("two")
    assert len(s) == 2 and s[0] == 1 and s[-1] == "two"
    assert list(s) == [1, "two"]
    assert s.pop() == "two" and len(s) == 1
    with pytest.raises(IndexError):
        s[5]
    # A cycle through a Field is collected.
    s.push(s)
    del s
    gc.collect()
    with pytest.raises(IndexError, match="empty"):
        t.Stack().pop()


def test_global():
    assert t.join(["a", "b"]) == "a, b"
    t.set_separator("-")
    assert t.join(["a", "b"]) == "a-b"


def test_threads():
    assert t.sum_of_squares([1, 2, 3]) == 14.0


def test_buffers_and_numpy():
    m = t.Matrix(2)
    m.push_row([1, 2])
    m.push_row([3, 4])
    a = numpy.asarray(m)
    assert a.shape == (2, 2) and a.dtype == numpy.float64
    a[1, 1] = 40.0  # writes into the matrix
    assert numpy.asarray(m)[1, 1] == 40.0
    with pytest.raises(BufferError, match="cannot grow"):
        m.push_row([5, 6])
    del a
    gc.collect()
    m.push_row([5, 6])
    assert numpy.asarray(m).tolist() == [[1.0, 2.0], [3.0, 40.0], [5.0, 6.0]]
    assert t.mean(numpy.array([1.0, 2.0, 6.0])) == 3.0
    with pytest.raises(ValueError, match="float64"):
        t.mean(numpy.array([], dtype=numpy.float64))


# What debugging.md shows of trace mode: the HPy calls one call of `scale` makes.
TRACE = """
import guide_tour, hpy.trace
before = hpy.trace.get_call_counts()
guide_tour.scale([1.0, 2.0], 2.0)
after = hpy.trace.get_call_counts()
print({name: after[name] - before[name] for name in after if after[name] != before[name]})
"""


def test_trace_mode():
    env = dict(os.environ, HPY="trace")
    run = subprocess.run([sys.executable, "-c", TRACE], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    calls = ast.literal_eval(run.stdout.splitlines()[-1])  # after HPY_LOG's lines, if any
    assert calls["ctx_ListBuilder_New"] == 1 and calls["ctx_ListBuilder_Build"] == 1
    assert calls["ctx_Float_AsDouble"] == 3 and calls["ctx_Float_FromDouble"] == 2
