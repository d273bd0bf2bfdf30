"""What the guide says about its examples (guide/examples/guide_tour/src/lib.rs), checked from
Python in HPy universal and debug mode by the repository's harness."""

import ast
import copy
import decimal
import gc
import math
import os
import pickle
import subprocess
import sys
import warnings

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


def test_signatures():
    assert t.join_words("a", "b", sep="-") == "a-b"
    assert t.join_words("a", "b") == "a b"
    assert t.join_words() == ""
    with pytest.raises(TypeError):
        t.join_words("a", 1)
    assert t.names(b=1, a=None) == ["a", "b"]
    assert t.names() == []
    assert t.count_none(1, None, "x", None) == 2


def test_returning():
    obj = object()
    assert t.echo(obj) is obj
    assert t.repeat("ab", 3) == ["ab", "ab", "ab"]
    assert t.py_sqrt(2.0) == math.sqrt(2.0)
    with pytest.raises(ValueError, match="math domain error"):
        t.py_sqrt(-1.0)


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


def test_handling_an_exception():
    assert t.get_or({"a": 1}, "a", 0) == 1
    assert t.get_or({"a": 1}, "b", 0) == 0
    with pytest.raises(TypeError, match="^unhashable type: 'list'$"):
        t.get_or({"a": 1}, [], 0)  # not a KeyError: it propagates
    with pytest.raises(IndexError):
        t.get_or([1], 5, 0)


def test_warnings():
    with pytest.warns(DeprecationWarning, match=r"^sum\(\) is deprecated, use total\(\)$"):
        assert t.sum([1, 2, 3]) == 6
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DeprecationWarning) as e:
            t.sum([1, 2, 3])
    assert str(e.value) == "sum() is deprecated, use total()"


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


def test_receivers():
    a = t.Account()
    assert a.deposit(10).deposit(5) is a
    assert a.balance == 15

    class Savings(t.Account):
        pass

    s = Savings().deposit(7)
    c = s.copy()
    assert type(c) is Savings and c is not s and c.balance == 7
    assert type(a.copy()) is t.Account and a.copy().balance == 15


def test_reentrant(capsys):
    c = t.ReentrantCounter()
    assert c.run(lambda c: print(c.count), 2) == 2
    assert capsys.readouterr().out == "1\n2\n"
    c = t.ReentrantCounter()
    seen = []
    assert c.run(lambda counter: seen.append((counter is c, counter.count)), 2) == 2
    assert seen == [(True, 1), (True, 2)]
    # The callback may even run the counter again.
    assert c.run(lambda counter: counter.run(print, 0), 1) == 3


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


def test_static_and_class_methods():
    assert t.Celsius.UNIT == "°C"
    assert t.Celsius.freezing().degrees == 0.0
    assert isinstance(t.Celsius.__dict__["freezing"], staticmethod)
    assert t.Celsius.from_fahrenheit(212).degrees == 100.0

    class Kelvinish(t.Celsius):
        pass

    k = Kelvinish.from_fahrenheit(32)
    assert type(k) is Kelvinish and k.degrees == 0.0


def test_properties():
    p = t.Person("Ada Lovelace")
    assert p.name == "Ada Lovelace" and p.nickname is None
    p.name = "Ada King"
    p.nickname = "Ada"
    assert (p.name, p.nickname) == ("Ada King", "Ada")
    del p.nickname
    assert p.nickname is None
    with pytest.raises(TypeError) as e:
        del p.name
    assert str(e.value) == "cannot delete attribute 'name' of 'guide_tour.Person' objects"
    assert t.Person.name.__doc__ == "The full name."


def test_comparisons():
    v = t.Version(1, 2, 3)
    assert v == t.Version(1, 2, 3) and v != t.Version(1, 2, 4)
    assert t.Version(1, 2, 3) < t.Version(1, 10, 0) <= t.Version(1, 10, 0)
    assert t.Version(2, 0, 0) > v >= v
    assert hash(v) == hash(t.Version(1, 2, 3))
    assert len({v, t.Version(1, 2, 3)}) == 1
    assert v != (1, 2, 3)
    with pytest.raises(TypeError) as e:
        v < (1, 2, 3)
    assert str(e.value) == (
        "'<' not supported between instances of 'guide_tour.Version' and 'tuple'"
    )


def test_iteration():
    assert list(t.Squares(4)) == [0, 1, 4, 9]
    it = iter(t.Squares(2))
    assert next(it) == 0 and next(it) == 1
    with pytest.raises(StopIteration):
        next(it)


class Point3(t.Point):
    pass


def test_pickling():
    p = pickle.loads(pickle.dumps(t.Point(1, 2)))
    assert type(p) is t.Point
    assert p.__reduce__() == (t.Point, (1.0, 2.0))
    assert repr(p.__reduce__()) == "(<class 'guide_tour.Point'>, (1.0, 2.0))"
    q = copy.copy(Point3(3, 4))
    assert type(q) is Point3 and q.__reduce__() == (Point3, (3.0, 4.0))


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


def test_constructor_filling_fields():
    tail = t.Node("b")
    head = t.Node("a", tail)
    assert head.value == "a" and head.next is tail
    assert tail.value == "b" and tail.next is None
    # A long chain is freed without deep recursion.
    node = None
    for i in range(100_000):
        node = t.Node(i, node)
    del node
    gc.collect()


def test_global():
    assert t.join(["a", "b"]) == "a, b"
    t.set_separator("-")
    assert t.join(["a", "b"]) == "a-b"


def test_cached_global():
    assert repr(t.to_decimal("1.10")) == "Decimal('1.10')"
    assert type(t.to_decimal("2")) is decimal.Decimal


def test_threads():
    assert t.sum_of_squares([1, 2, 3]) == 14.0
    assert t.count("one two  three\n") == 3


def test_borrowed_data():
    assert t.first_word("  hello world") == "hello"
    assert t.first_word("") == ""


def test_own_conversions():
    assert t.swap("#102030") == "#302010"
    assert t.swap((1, 2, 255)) == "#ff0201"
    with pytest.raises(ValueError) as e:
        t.swap("red")
    assert str(e.value) == 'not a colour: "red"'
    with pytest.raises(ValueError, match="invalid digit found in string"):
        t.swap("#zz0000")
    with pytest.raises(OverflowError):
        t.swap((256, 0, 0))


def test_callback_in_a_field():
    cb = t.Callback(lambda x: x * 2)
    assert cb.fire(21) == 42
    # A cycle through the field is collected.
    holder = []
    cb = t.Callback(holder.append)
    holder.append(cb)
    del cb, holder
    gc.collect()


def test_annotated_total():
    assert t.total([1, 2.5]) == 3.5
    # The stub cargo-hpy wrote next to the module uses the annotations.
    stub = os.path.join(os.path.dirname(t.__file__), "guide_tour.pyi")
    with open(stub, encoding="utf-8") as f:
        assert "def total(values: Iterable[float | int]) -> float: ..." in f.read().splitlines()
    assert t.total(range(4)) == 6.0


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


@pytest.mark.skipif(
    os.environ.get("HPY_RS_ABI") == "cpython", reason="trace mode is the universal ABI's"
)
def test_trace_mode():
    env = dict(os.environ, HPY="trace")
    run = subprocess.run([sys.executable, "-c", TRACE], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    calls = ast.literal_eval(run.stdout.splitlines()[-1])  # after HPY_LOG's lines, if any
    assert calls["ctx_ListBuilder_New"] == 1 and calls["ctx_ListBuilder_Build"] == 1
    assert calls["ctx_Float_AsDouble"] == 3 and calls["ctx_Float_FromDouble"] == 2
