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


def test_fields_in_nested_values_deriving_traverse():
    a, b, c = Obj(), Obj(), Obj()
    n = protocols.Nest(a, b)
    assert n.held() == [a, b]
    assert n.describe() == (None, 2)
    referents = gc.get_referents(n)
    assert any(r is a for r in referents) and any(r is b for r in referents)
    n = protocols.Nest(a, b, c, label="named")
    assert n.held() == [a, b, c] and n.describe() == ("named", 2)
    assert any(r is c for r in gc.get_referents(n))
    assert any(r is c for r in gc.get_referents(protocols.Nest(a, b, c)))


@pytest.mark.parametrize("kind", ["inner", "one", "named"])
def test_cycles_through_nested_fields_are_collected(kind):
    refs = []

    def make_cycle():
        holder = Obj()
        if kind == "inner":
            holder.nest = protocols.Nest(holder, 1)
        elif kind == "one":
            holder.nest = protocols.Nest(1, 2, holder)
        else:
            holder.nest = protocols.Nest(1, 2, holder, label="x")
        refs.append(weakref.ref(holder))  # only the cycle keeps it alive

    gc.collect()
    make_cycle()
    gc.collect()
    assert refs[0]() is None


def test_dropping_a_field_that_holds_a_reference_is_reported(capfd):
    import sys

    b = Bag()
    obj = Obj()
    b.append(obj)
    before = sys.getrefcount(obj)
    b.drop_last_leaking()
    assert len(b) == 0
    err = capfd.readouterr().err
    assert "a Field that still held a reference was dropped" in err
    assert sys.getrefcount(obj) == before  # the reference leaked, as reported
    b.append(obj)
    b.pop()
    assert capfd.readouterr().err == ""  # take_field_at empties before dropping


class Referent:
    """Something a field can hold, whose lifetime a weak reference shows."""


@pytest.mark.parametrize("which", ["hidden", "leaked"])
def test_a_field_the_traversal_does_not_visit_is_never_stored_into(which):
    # A selector is a `fn(&T) -> &Field`; it can still return a leaked `&'static Field`, or a
    # field inside a member that is not `Traverse`. A reference stored there would be
    # invisible to the GC (a leak, uncollectable cycles; dangling on a moving GC): refused.
    s = protocols.Stray()
    obj = Referent()
    ref = weakref.ref(obj)
    with pytest.raises(BaseException, match="returned a Field that the type's traversal does not visit") as e:
        s.store(which, obj)
    assert type(e.value).__name__ == "PanicException"
    with pytest.raises(BaseException, match="returned a Field that the type's traversal does not visit"):
        s.load(which)
    s.store("own", obj)
    assert s.load("own") is obj
    del obj, s
    gc.collect()
    assert ref() is None  # nothing else kept it


def test_a_type_whose_only_field_is_not_visited_refuses_it():
    u = protocols.Unseen()
    assert not gc.is_tracked(u)
    with pytest.raises(BaseException, match="returned a Field that the type's traversal does not visit"):
        u.store(Referent())


def test_a_traversal_claiming_to_have_found_a_field_is_not_believed():
    # A trait of the module answers the generated traversal's probe for one member with
    # "stop, found" (1): neither the field check nor the collector goes by that claim.
    s = protocols.Spoofed()
    with pytest.raises(BaseException, match="returned a Field that the type's traversal does not visit") as e:
        s.store(Referent())
    assert type(e.value).__name__ == "PanicException"
    obj = Referent()
    s.store_own(obj)
    assert gc.get_referents(s) == [obj]
