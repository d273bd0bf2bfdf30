"""`point.Counter` (mutation through `&mut self`) and the module's `Global` default."""

import gc
import inspect
import weakref

import pytest

import point
from point import Counter


def test_get_default_is_none_before_any_set():
    # Runs first in this file; nothing else in the suite sets the default before it.
    assert point.get_default() is None


def test_set_default_keeps_the_object_in_a_global():
    class Obj:
        pass

    obj = Obj()
    ref = weakref.ref(obj)
    point.set_default(obj)
    del obj
    gc.collect()
    assert point.get_default() is ref()
    assert ref() is not None
    point.set_default("replaced")
    gc.collect()
    assert ref() is None  # the global released the old object
    assert point.get_default() == "replaced"
    point.set_default(None)
    assert point.get_default() is None


def test_counter_starts_at_zero():
    c = Counter()
    assert c.value == 0
    assert len(c) == 0
    with pytest.raises(TypeError, match=r"^Counter.__new__\(\) takes 1 positional argument but 2 were given$"):
        Counter(5)


def test_incr():
    c = Counter()
    assert c.incr() is None
    assert c.value == 1
    c.incr(5)
    c.incr(n=2)
    assert c.value == 8
    c.incr(-3)
    assert c.value == 5
    assert str(inspect.signature(Counter.incr)) == "(self, /, n=1)"
    with pytest.raises(TypeError, match=r"^Counter.incr\(\) argument 'n' must be int, not str$"):
        c.incr("1")
    with pytest.raises(TypeError, match=r"^Counter.incr\(\) takes from 1 to 2 positional arguments but 3 were given$"):
        c.incr(1, 2)
    assert c.value == 5


def test_incr_overflow_raises_and_keeps_the_value():
    c = Counter()
    c.incr(2**63 - 1)
    with pytest.raises(OverflowError):
        c.incr()
    with pytest.raises(OverflowError):
        c.incr(2**63)
    assert c.value == 2**63 - 1


def test_in_place_add_mutates_and_returns_the_same_object():
    c = Counter()
    alias = c
    c += 5
    assert c is alias
    assert c.value == 5
    c += 0
    assert c.value == 5
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \+=: 'point.Counter' and 'str'$"):
        c += "5"
    with pytest.raises(TypeError, match=r"^unsupported operand type\(s\) for \+=: 'point.Counter' and 'point.Counter'$"):
        c += c
    assert c.value == 5


def test_len_is_the_value():
    c = Counter()
    c.incr(7)
    assert len(c) == 7
    c.incr(-8)
    with pytest.raises(ValueError, match=r"^__len__\(\) should return >= 0$"):
        len(c)


def test_value_is_read_only():
    c = Counter()
    with pytest.raises(AttributeError, match=r"^attribute 'value' of 'point.Counter' objects is not writable$"):
        c.value = 3
    assert Counter.value.__doc__ == "The current count."
