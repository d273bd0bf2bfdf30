"""The Python-visible contract of the `point` example: `Point`, `PointError` and subclasses.

Run by the hpy-rs test harness in HPy universal mode and in HPy debug mode (every test under
hpy.debug.LeakDetector, see tests/python/hpy_rs_pytest.py).
"""

import copy
import inspect
import pickle
import sys
import math

import pytest

import point
from point import Point, PointError

# CPython exposes a heap type's text signature (`__text_signature__`, which inspect reads)
# from 3.10 on; before, it only strips the signature line from `__doc__`.
TYPES_HAVE_TEXT_SIGNATURES = sys.version_info >= (3, 10)


def test_the_type_is_named_after_its_module():
    assert Point.__name__ == "Point"
    assert Point.__module__ == "point"
    assert Point.__qualname__ == "Point"
    assert "A point in the plane." in Point.__doc__


def test_construction_and_properties():
    p = Point(1, 2.5)
    assert (p.x, p.y) == (1.0, 2.5)
    assert type(p.x) is float
    assert Point(x=3, y=4).y == 4.0
    if TYPES_HAVE_TEXT_SIGNATURES:
        assert inspect.signature(Point) == inspect.Signature(
            [
                inspect.Parameter("x", inspect.Parameter.POSITIONAL_OR_KEYWORD),
                inspect.Parameter("y", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            ]
        )
    else:
        assert Point.__doc__.startswith("A point in the plane.")  # the signature line stripped
    assert Point.x.__doc__ == "The x coordinate."


def test_construction_errors_read_like_cpython():
    with pytest.raises(TypeError, match=r"^Point.__new__\(\) argument 'x' must be real number, not str$"):
        Point("a", 2)
    with pytest.raises(TypeError, match=r"^Point.__new__\(\) missing 1 required positional argument: 'y'$"):
        Point(1)
    with pytest.raises(TypeError, match=r"^Point.__new__\(\) takes 3 positional arguments but 4 were given$"):
        Point(1, 2, 3)


def test_properties_are_writable_with_numbers_only():
    p = Point(1, 2)
    p.x = 10
    p.y = -0.5
    assert (p.x, p.y) == (10.0, -0.5)
    with pytest.raises(TypeError, match="must be real number, not str"):
        p.x = "ten"
    with pytest.raises(TypeError, match="must be real number, not NoneType"):
        p.y = None
    assert (p.x, p.y) == (10.0, -0.5)
    with pytest.raises(TypeError, match=r"^cannot delete attribute 'x' of 'point.Point' objects$"):
        del p.x


def test_norm():
    assert Point(3, 4).norm() == 5.0
    assert Point(0, 0).norm() == 0.0
    assert math.isinf(Point(math.inf, 1).norm())
    assert str(inspect.signature(Point.norm)) == "(self, /)"


def test_addition_makes_a_new_point():
    p, q = Point(1, 2), Point(10, 20)
    r = p + q
    assert type(r) is Point
    assert (r.x, r.y) == (11.0, 22.0)
    assert (p.x, p.y) == (1.0, 2.0)


@pytest.mark.parametrize("other", [1, 1.5, "a", None, (1, 2)])
def test_adding_something_else_is_a_type_error(other):
    name = type(other).__name__
    with pytest.raises(TypeError, match=rf"^unsupported operand type\(s\) for \+: 'point.Point' and '{name}'$"):
        Point(1, 2) + other
    # `str` and `tuple` word their own concatenation errors.
    expected = rf"^unsupported operand type\(s\) for \+: '{name}' and 'point.Point'$"
    with pytest.raises(TypeError, match=None if name in ("str", "tuple") else expected):
        other + Point(1, 2)


def test_equality():
    assert Point(1, 2) == Point(1.0, 2.0)
    assert not (Point(1, 2) != Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert not (Point(1, 2) == Point(2, 1))
    # Other types are not equal (NotImplemented, then identity).
    assert Point(1, 2) != (1, 2)
    assert not (Point(1, 2) == (1, 2))
    p = Point(1, 2)
    assert p == p
    nan = Point(math.nan, 0)
    assert nan != nan


def test_ordering_is_not_defined():
    with pytest.raises(TypeError, match=r"'<' not supported between instances of 'point.Point' and 'point.Point'"):
        Point(1, 2) < Point(3, 4)


def test_repr():
    assert repr(Point(1, 2)) == "Point(1.0, 2.0)"
    assert repr(Point(-0.5, 1e20)) == "Point(-0.5, 1e+20)"
    assert str(Point(1, 2)) == "Point(1.0, 2.0)"


def test_hash_is_consistent_with_equality():
    assert hash(Point(1, 2)) == hash(Point(1.0, 2.0))
    assert hash(Point(0.0, 0)) == hash(Point(-0.0, 0))
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert {Point(3, 4): "a"}[Point(3.0, 4.0)] == "a"


def test_from_tuple_is_a_classmethod():
    p = Point.from_tuple((3, 4))
    assert type(p) is Point and p == Point(3, 4)
    assert Point.from_tuple([5, 6]) == Point(5, 6)
    assert Point(0, 0).from_tuple((1, 2)) == Point(1, 2)
    assert isinstance(inspect.getattr_static(Point, "from_tuple"), classmethod)
    assert str(inspect.signature(Point.from_tuple)) == "(t)"


@pytest.mark.parametrize("t", [(), (1,), (1, 2, 3)])
def test_from_tuple_raises_point_error(t):
    with pytest.raises(PointError, match=rf"^expected 2 coordinates, got {len(t)}$"):
        Point.from_tuple(t)
    with pytest.raises(ValueError):
        Point.from_tuple(t)


def test_point_error_is_a_value_error_subclassable_from_python():
    assert issubclass(PointError, ValueError)
    assert PointError.__module__ == "point"
    assert PointError.__name__ == "PointError"
    assert "malformed input" in PointError.__doc__

    class Stricter(PointError):
        pass

    with pytest.raises(PointError):
        raise Stricter("no")
    assert str(PointError("message")) == "message"


def test_origin_is_a_staticmethod():
    assert Point.origin() == Point(0, 0)
    assert Point(5, 5).origin() == Point(0, 0)
    assert isinstance(inspect.getattr_static(Point, "origin"), staticmethod)
    assert (Point.origin.__name__, Point.origin.__qualname__) == ("origin", "Point.origin")
    assert (Point.from_tuple.__name__, Point.from_tuple.__qualname__) == ("from_tuple", "Point.from_tuple")
    assert Point.origin.__doc__ == "The point (0, 0)."
    assert str(inspect.signature(Point.origin)) == "()"
    # Nothing extra appears in the module.
    assert sorted(n for n in vars(point) if not n.startswith("_")) == [
        "Counter", "Node", "Point", "PointError", "destroyed_nodes", "get_default", "set_default"
    ]


class Labelled(Point):
    """A Python subclass with its own attributes and methods."""

    def __init__(self, x, y):
        self.label = f"({x}, {y})"

    def scaled(self, k):
        return type(self)(self.x * k, self.y * k)


def test_python_subclasses_work():
    p = Labelled(3, 4)
    assert isinstance(p, Point) and type(p) is Labelled
    assert (p.x, p.y) == (3.0, 4.0)
    assert p.norm() == 5.0
    assert p.label == "(3, 4)"
    p.x = 6
    assert p.x == 6.0
    q = p.scaled(2)
    assert type(q) is Labelled and (q.x, q.y) == (12.0, 8.0)
    assert p + Point(1, 1) == Point(7, 5)
    assert Point(1, 1) + p == Point(7, 5)
    assert p == Point(6, 4) and hash(p) == hash(Point(6, 4))
    assert Labelled.from_tuple((1, 2)).__class__ is Labelled


def test_many_subclass_instances_are_created_and_destroyed():
    for i in range(1000):
        p = Labelled(i, i)
        assert p.x == i


def test_origin_and_from_tuple_are_real_static_and_class_methods():
    assert type(Point.__dict__["origin"]) is staticmethod
    assert type(Point.__dict__["from_tuple"]) is classmethod
    assert Point.origin.__name__ == "origin"
    assert Point.from_tuple.__name__ == "from_tuple"
    assert Point.from_tuple.__self__ is Point
    assert str(inspect.signature(Point.origin)) == "()"
    with pytest.raises(TypeError, match=r"^Point.origin\(\) takes 0 positional arguments but 1 was given$"):
        Point.origin(1)


def test_a_classmethod_called_on_a_subclass_receives_the_subclass():
    class Sub(Point):
        pass

    p = Sub.from_tuple((1, 2))
    assert type(p) is Sub and p == Point(1, 2)
    assert Sub.from_tuple.__self__ is Sub
    assert type(Sub.origin()) is Point


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_static_and_class_methods_pickle(protocol):
    for method in (Point.origin, Point.from_tuple):
        again = pickle.loads(pickle.dumps(method, protocol))
        assert again == method
    assert pickle.loads(pickle.dumps(Point.origin, protocol))() == Point(0, 0)
    assert pickle.loads(pickle.dumps(Point.from_tuple, protocol))((1, 2)) == Point(1, 2)


class ReducesToOrigin:
    def __reduce__(self):
        return (Point.origin, ())


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_an_object_whose_reduce_names_a_static_method_pickles(protocol):
    assert pickle.loads(pickle.dumps(ReducesToOrigin(), protocol)) == Point(0, 0)


class SubPoint(Point):
    pass


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("cls", [Point, SubPoint])
def test_point_pickles_with_every_protocol(protocol, cls):
    p = cls(1.5, -2)
    again = pickle.loads(pickle.dumps(p, protocol))
    assert type(again) is cls and again == p and again is not p


def test_point_copies_and_deep_copies():
    p = Point(3, 4)
    for q in (copy.copy(p), copy.deepcopy(p)):
        assert type(q) is Point and q == p and q is not p
    q = copy.copy(p)
    q.x = 10
    assert p.x == 3
    nested = copy.deepcopy([p, {"k": (p,)}])
    assert nested[0] == p and nested[0] is not p and nested[1]["k"][0] is nested[0]
