"""`point.Node`: arbitrary Python objects held in `Field`s, traversed by the GC."""

import gc
import inspect
import os
import sys
import weakref

import pytest

import point
from point import Node

# CPython exposes a heap type's text signature (`__text_signature__`, which inspect reads)
# from 3.10 on; before, it only strips the signature line from `__doc__`.
TYPES_HAVE_TEXT_SIGNATURES = sys.version_info >= (3, 10)


class Payload:
    """An object that can be weakly referenced."""


def test_construction():
    n = Node(1)
    assert n.value == 1 and n.next is None
    m = Node("head", n)
    assert m.value == "head" and m.next is n
    assert Node(value=[1], next=None).value == [1]
    if TYPES_HAVE_TEXT_SIGNATURES:
        assert str(inspect.signature(Node)) == "(value, next=None)"
    with pytest.raises(TypeError, match=r"^Node.__new__\(\) missing 1 required positional argument: 'value'$"):
        Node()
    with pytest.raises(TypeError, match=r"^Node.__new__\(\) got an unexpected keyword argument 'nxt'$"):
        Node(1, nxt=None)


def test_fields_hold_any_object_and_are_settable():
    n = Node(None)
    assert n.value is None
    for value in [1, "two", 3.0, (4,), {"five": 5}, n, Node]:
        n.value = value
        assert n.value is value
    n.next = Node(2)
    assert n.next.value == 2
    n.next = None
    assert n.next is None
    n.next = Node(3)
    del n.next
    assert n.next is None


def test_value_cannot_be_deleted():
    n = Node(1)
    with pytest.raises(TypeError, match=r"^cannot delete attribute 'value' of 'point.Node' objects$"):
        del n.value
    assert n.value == 1


def test_a_field_keeps_its_object_alive_and_releases_it():
    obj = Payload()
    ref = weakref.ref(obj)
    n = Node(obj)
    del obj
    gc.collect()
    assert ref() is not None
    n.value = 0
    assert ref() is None
    n.value = Payload()
    ref = weakref.ref(n.value)
    del n
    assert ref() is None  # released by refcounting alone: Node is not in a cycle


def test_nodes_are_gc_tracked_and_traversed():
    obj = Payload()
    n = Node(obj, Node(2))
    assert gc.is_tracked(n)
    referents = gc.get_referents(n)
    assert any(r is obj for r in referents)
    assert any(r is n.next for r in referents)
    # A type without fields is not a GC type.
    assert not gc.is_tracked(point.Point(1, 2))


def test_a_self_cycle_is_collected(destroyed_after):
    def make_cycle():
        a = Node(1)
        a.next = a

    assert destroyed_after(make_cycle) == 1


def test_a_longer_cycle_through_values_and_next_is_collected(destroyed_after):
    def make_cycle():
        a, b, c = Node(1), Node(2), Node(3)
        a.next, b.next, c.next = b, c, a
        b.value = [a, c]

    assert destroyed_after(make_cycle) == 3


def test_a_cycle_through_a_python_object_is_collected(destroyed_after):
    held = []

    def make_cycle():
        obj = Payload()
        obj.node = Node(obj)
        held.append(weakref.ref(obj))

    assert destroyed_after(make_cycle) == 1
    assert held[0]() is None


class Tagged(Node):
    pass


def test_a_cycle_through_a_python_subclass_is_collected(destroyed_after):
    refs = []

    def make_cycle():
        a = Tagged("a")
        a.tag = "tagged"
        a.next = a
        refs.append(weakref.ref(a))

    assert destroyed_after(make_cycle) == 1
    assert refs[0]() is None


def test_destroyed_nodes_counts_every_destruction():
    before = point.destroyed_nodes()
    Node(1)
    assert point.destroyed_nodes() == before + 1
    nodes = [Node(i) for i in range(10)]
    assert point.destroyed_nodes() == before + 1
    del nodes
    assert point.destroyed_nodes() == before + 11


def rss_kib():
    with open("/proc/self/statm") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") // 1024


def test_a_million_nodes_do_not_grow_memory():
    n = 10**6
    obj = Payload()
    for _ in range(10_000):  # let the allocators reach their steady state
        Node(obj, None)
    gc.collect()
    before, destroyed = rss_kib(), point.destroyed_nodes()
    for _ in range(n):
        Node(obj, None)
    gc.collect()
    growth = rss_kib() - before
    assert point.destroyed_nodes() - destroyed == n
    assert growth < 1024, f"RSS grew by {growth} KiB over {n} Node create/destroy cycles"
