"""Typed use of `point`, which `mypy --strict` checks against the generated `point.pyi` (the
harness's `point::stubs` test); a `type: ignore` that stops being needed fails too."""

import point
from point import Counter, Node, Point, PointError


class Point3(Point):
    """Point can be subclassed (`#[hpy::class(subclass)]`)."""

    z: float = 0.0


p = Point(1.0, 2)
p.x = 3.5
norm: float = (p + Point.origin()).norm() + p.y
q: Point = Point.from_tuple((1.0, 2.0))
same: bool = p == q and p != 3
key: int = hash(p)
text: str = repr(p)
sub = Point3(0, 0)

n = Node(1, Node("next"))
value: object | None = n.value
n.next = None

c = Counter()
c.incr()
c.incr(n=2)
c += 5
count: int = c.value + len(c)

point.set_default(p)
default: object = point.get_default()
destroyed: int = point.destroyed_nodes()
try:
    Point.from_tuple((1.0,))
except PointError as e:
    error: ValueError = e

c.value = 3  # type: ignore[misc]
p.norm = 1.0  # type: ignore[method-assign, assignment]


class Counter2(Counter):  # type: ignore[misc]
    """Counter is final."""
