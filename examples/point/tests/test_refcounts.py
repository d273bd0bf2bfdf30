"""No reference is leaked or lost: objects made, read, stored in fields and globals, and
freed many times leave every reference count as it was. In HPy debug mode the leak detector
also checks handles; this is what checks the CPython ABI's build, where handles are the
objects' references themselves (and its objects are made and freed by hpy-rs's own code).
"""

import gc
import sys

import point

N = 1000


def counts(*objects):
    return [sys.getrefcount(o) for o in objects]


def steady(run, *objects):
    """`run` a few times to warm up, then N times: the counts of `objects` must not move."""
    for _ in range(3):
        run()
    gc.collect()
    before = counts(*objects)
    for _ in range(N):
        run()
    gc.collect()
    assert counts(*objects) == before


def test_objects_made_and_freed_keep_the_type_count():
    steady(lambda: point.Point(1, 2), point.Point)
    steady(lambda: point.Point(1, 2) + point.Point(3, 4), point.Point)
    steady(lambda: point.Counter(), point.Counter)


def test_a_python_subclass_keeps_both_counts():
    class Sub(point.Point):
        pass

    steady(lambda: Sub(1, 2), Sub, point.Point)
    steady(lambda: Sub(1, 2).norm(), Sub, point.Point)


def test_arguments_and_results_keep_their_counts():
    a, b = point.Point(1, 2), point.Point(3, 4)
    steady(lambda: a + b, a, b)
    steady(lambda: a == b, a, b)
    steady(lambda: (a.x, a.norm(), repr(a), hash(a)), a)
    t = (1.5, 2.5)
    steady(lambda: point.Point.from_tuple(t), t, point.Point)
    steady(lambda: a.__reduce__(), a, point.Point)


def test_fields_keep_what_they_hold_and_release_it():
    value, other = object(), object()
    node = point.Node(value)

    def swap():
        node.value = other
        node.value = value

    steady(swap, value, other, node)
    steady(lambda: node.value, value, node)
    steady(lambda: point.Node(value, point.Node(other)), value, other, point.Node)
    chain = None
    before = counts(value)
    for _ in range(N):
        chain = point.Node(value, chain)
    assert counts(value)[0] == before[0] + N
    del chain
    gc.collect()
    assert counts(value) == before


def test_a_global_keeps_one_reference():
    a, b = object(), object()
    point.set_default(a)
    before = counts(a, b)

    def swap():
        point.set_default(b)
        point.set_default(a)

    steady(swap, a, b)
    steady(point.get_default, a)
    assert counts(a, b) == before
    point.set_default(b)
    assert counts(a)[0] == before[0] - 1
    assert counts(b)[0] == before[1] + 1
    point.set_default(None)


def test_cycles_through_fields_are_collected():
    gc.collect()
    before = point.destroyed_nodes()

    def cycle():
        n = point.Node(1)
        n.next = n

    for _ in range(N):
        cycle()
    gc.collect()
    assert point.destroyed_nodes() - before == N
