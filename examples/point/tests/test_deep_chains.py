"""Long chains of objects linked through `Field`s are freed without deep recursion.

HPy 0.9's deallocator releases an object's fields from inside its own deallocation, one C
stack level per object: a chain of about 130 000 `Node`s overflowed an 8 MiB stack when its
head was dropped. Types holding fields free what their fields hold through a finalizer that
defers the nested releases (`hpy/src/__private/class/trashcan.rs`), so the depth is bounded, as
CPython's trashcan bounds it for Python objects (a pure Python chain of a million objects
is freed fine)."""


import pytest

import point
from point import Node

LONG = 1_000_000


def chain(n, cls=Node, link=lambda node: node):
    head = None
    for i in range(n):
        head = cls(i, link(head) if head is not None else None)
    return head


def test_a_chain_of_a_million_nodes_is_freed(destroyed_after):
    def drop():
        head = chain(LONG)
        del head

    assert destroyed_after(drop) == LONG


def test_a_chain_through_python_objects_between_the_nodes_is_freed(destroyed_after):
    # Node -> [Node] -> Node -> ...: CPython's list deallocation and ours alternate.
    def drop():
        head = chain(LONG // 2, link=lambda node: [node])
        del head

    assert destroyed_after(drop) == LONG // 2


def test_a_chain_of_a_python_subclass_is_freed(destroyed_after):
    class Sub(Node):
        pass

    def drop():
        head = chain(LONG // 2, cls=Sub)
        del head

    assert destroyed_after(drop) == LONG // 2


def test_a_long_cycle_is_collected(destroyed_after):
    def drop():
        tail = Node("tail")
        head = tail
        for i in range(300_000):
            head = Node(i, head)
        tail.next = head  # the chain is now a cycle: only the collector can free it
        del head, tail

    assert destroyed_after(drop) == 300_001


def test_an_exception_propagating_while_a_chain_is_freed_is_kept(destroyed_after):
    # list(gen()) keeps the chain in its new list; when the generator raises, the list is
    # freed while the ZeroDivisionError is set: the finalizers must leave it alone.
    def items():
        yield chain(300_000)
        raise ZeroDivisionError("raised while the chain dies")

    def drop():
        with pytest.raises(ZeroDivisionError, match="^raised while the chain dies$"):
            list(items())

    assert destroyed_after(drop) == 300_000


def test_the_finalizer_called_by_hand_releases_the_fields():
    # Like any __del__, Node's (HPy_tp_finalize) is visible; by hand it empties the fields.
    n = Node("value", Node("next"))
    n.__del__()
    assert n.value is None and n.next is None
    n.value = 1
    assert n.value == 1
