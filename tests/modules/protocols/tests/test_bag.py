"""`protocols.Bag`: fields in a `Vec<Field>`, an `Option<Field>` and a `[Field; 2]`, all
traversed by the garbage collector."""

import gc
import weakref

import pytest

import protocols
from protocols import Bag


class Obj:
    pass


def destroyed_after(action):
    gc.collect()
    before = protocols.destroyed_bags()
    action()
    gc.collect()
    return protocols.destroyed_bags() - before


def test_a_vec_of_fields():
    b = Bag()
    items = [Obj() for _ in range(100)]
    for item in items:
        b.append(item)
    assert len(b) == 100
    assert all(b[i] is items[i] for i in range(100))
    assert list(b) == items  # iteration through __getitem__
    with pytest.raises(IndexError, match="^Bag index out of range$"):
        b[100]


def test_pop_releases_the_reference():
    b = Bag()
    obj = Obj()
    ref = weakref.ref(obj)
    b.append(obj)
    del obj
    gc.collect()
    assert ref() is not None
    popped = b.pop()
    assert popped is ref() and len(b) == 0
    del popped
    assert ref() is None
    with pytest.raises(IndexError, match="^pop from empty Bag$"):
        b.pop()


def test_an_option_field_and_an_array_of_fields():
    b = Bag()
    assert b.extra is None and b.pair == (None, None)
    x, y, z = Obj(), Obj(), Obj()
    b.extra = x
    b.pair = (y, z)
    assert b.extra is x and b.pair == (y, z)
    b.extra = None
    assert b.extra is None
    with pytest.raises(TypeError, match=r"^cannot delete attribute 'pair' of 'protocols.Bag' objects$"):
        del b.pair
    assert b.pair == (y, z)


def test_every_field_is_traversed():
    b = Bag()
    items, extra, pair = [Obj(), Obj()], Obj(), (Obj(), Obj())
    for item in items:
        b.append(item)
    b.extra = extra
    b.pair = pair
    assert gc.is_tracked(b)
    referents = gc.get_referents(b)
    for obj in [*items, extra, *pair]:
        assert any(r is obj for r in referents)


def test_cycles_through_each_kind_of_field_are_collected():
    def through_vec():
        b = Bag()
        for _ in range(3):
            b.append(Obj())
        b.append(b)

    def through_option():
        b = Bag()
        b.extra = b

    def through_array():
        b = Bag()
        b.pair = (Obj(), b)

    def between_two_bags():
        a, b = Bag(), Bag()
        a.append(b)
        b.extra = a

    assert destroyed_after(through_vec) == 1
    assert destroyed_after(through_option) == 1
    assert destroyed_after(through_array) == 1
    assert destroyed_after(between_two_bags) == 2


def test_the_objects_of_a_dead_bag_are_released():
    refs = []

    def fill():
        b = Bag()
        for _ in range(5):
            obj = Obj()
            refs.append(weakref.ref(obj))
            b.append(obj)
        b.extra = Obj()
        refs.append(weakref.ref(b.extra))

    assert destroyed_after(fill) == 1
    assert all(r() is None for r in refs)


class Sub(Bag):
    pass


def test_a_python_subclass_collects_through_its_fields_and_dict():
    refs = []

    def make_cycle():
        s = Sub()
        s.append(s)
        s.attr = Obj()
        s.attr.back = s
        refs.append(weakref.ref(s))

    assert destroyed_after(make_cycle) == 1
    assert refs[0]() is None


def test_borrowing_rules_apply_to_field_access():
    b = Bag()
    b.append(1)
    # `append` lends the value mutably only while it pushes, so it can take itself.
    b.append(b)
    assert b[1] is b
    b.pop()
