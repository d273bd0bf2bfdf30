"""Special methods HPy 0.9 has no slot for, set on the type after creation: iteration,
attribute hooks and descriptors. Run in universal and debug mode (under LeakDetector)."""

import pickle

import pytest

from iteration import Countdown, Failing, Lazy, Record, Scaled, Words


def test_an_iterator_object():
    it = Countdown(3)
    assert iter(it) is it
    assert list(it) == [3, 2, 1]
    assert list(it) == []
    with pytest.raises(StopIteration) as info:
        next(it)
    assert info.value.args == ()
    assert next(it, "end") == "end"


def test_for_loops_and_builtins_use_the_slots():
    assert [x for x in Countdown(4)] == [4, 3, 2, 1]
    assert sum(Countdown(100)) == 5050
    assert sorted(Countdown(3)) == [1, 2, 3]
    assert 2 in Countdown(3) and 7 not in Countdown(3)
    a, b = Countdown(2)
    assert (a, b) == (2, 1)


def test_next_propagates_errors():
    it = Failing(2)
    assert next(it) == 1 and next(it) == 0
    with pytest.raises(RuntimeError, match="^the iterator failed$"):
        next(it)
    with pytest.raises(RuntimeError):
        list(Failing(5))


def test_an_iterable_with_reversed():
    w = Words("a b c")
    assert list(w) == ["a", "b", "c"]
    assert list(w) == ["a", "b", "c"]
    assert list(reversed(w)) == ["c", "b", "a"]
    assert iter(w) is not iter(w)


def test_subclasses_keep_and_override_iteration():
    class Loud(Countdown):
        def __next__(self):
            return -super().__next__()

    assert list(Loud(2)) == [-2, -1]

    class Plain(Words):
        pass

    assert list(Plain("x y")) == ["x", "y"]


def test_getattr_is_a_fallback():
    lazy = Lazy()
    assert lazy.real == "real"
    assert lazy.lookups == 0
    assert lazy.xyz == "XYZ"
    assert getattr(lazy, "x_y") == "X_Y"
    assert lazy.lookups == 2
    with pytest.raises(AttributeError, match="^'Lazy' object has no attribute 'other'$"):
        lazy.other
    assert getattr(lazy, "other", 5) == 5
    assert hasattr(lazy, "xa") and not hasattr(lazy, "a")


def test_getattr_in_a_subclass():
    class Sub(Lazy):
        own = 1

    s = Sub()
    assert s.own == 1 and s.xq == "XQ"


def test_setattr_and_delattr():
    r = Record()
    r.a = 1
    r.b = 2
    r.a = 3
    assert (r.a, r.b) == (3, 2)
    del r.a
    with pytest.raises(AttributeError):
        r.a
    with pytest.raises(AttributeError):
        del r.missing
    with pytest.raises(TypeError):
        r.c = "not an int"
    setattr(r, "z", 9)
    assert getattr(r, "z") == 9


def test_a_descriptor():
    class Host:
        doubled = Scaled(2)

        def __init__(self):
            self.base = 5

    h = Host()
    assert isinstance(Host.doubled, Scaled)
    assert h.doubled == 10
    h.doubled = 42
    assert h.base == 21 and h.doubled == 42
    with pytest.raises(TypeError):
        h.doubled = "x"


def test_the_dunders_are_in_the_class_dict():
    for cls, name in [(Countdown, "__iter__"), (Countdown, "__next__"), (Lazy, "__getattr__"),
                      (Record, "__setattr__"), (Scaled, "__get__"), (Words, "__reversed__")]:
        assert name in cls.__dict__


# Rust iterators as Python iterators (hpy::PyIter)

import gc
import itertools

import iteration


def test_a_rust_iterator_is_a_python_iterator():
    it = iteration.squares(4)
    assert iter(it) is it
    assert type(it).__name__ == "rust_iterator"
    assert type(it).__module__ == "iteration"
    assert list(it) == [0, 1, 4, 9]
    for _ in range(3):
        with pytest.raises(StopIteration) as info:
            next(it)
        assert info.value.args == ()
    assert list(iteration.squares(0)) == []


def test_items_convert_one_by_one():
    assert list(iteration.enumerate_words("a bb  ccc")) == [(0, "a"), (1, "bb"), (2, "ccc")]
    assert list(itertools.islice(iteration.naturals(), 5)) == [0, 1, 2, 3, 4]
    assert sum(itertools.islice(iteration.naturals(), 1000)) == 499500
    it = iteration.squares(10**18)  # nothing is collected ahead
    assert next(it) == 0 and next(it) == 1


def test_err_items_are_raised_and_iteration_goes_on():
    it = iteration.inverses([2.0, 0.0, 4.0])
    assert next(it) == 0.5
    with pytest.raises(ValueError, match="^no inverse of 0$"):
        next(it)
    assert next(it) == 0.25
    assert next(it, "end") == "end"


def test_a_panicking_iterator_raises():
    it = iteration.panicking()
    assert next(it) == 0 and next(it) == 1
    with pytest.raises(BaseException, match="item 2") as info:
        next(it)
    assert type(info.value).__name__ == "PanicException"


def test_the_rust_iterator_is_dropped_with_the_object():
    before = iteration.dropped()
    it = iteration.naturals()
    next(it)
    del it
    gc.collect()
    assert iteration.dropped() == before + 1


def test_the_iterator_type_cannot_be_instantiated_or_subclassed():
    cls = type(iteration.squares(1))
    with pytest.raises(TypeError, match="cannot create 'iteration.rust_iterator' instances"):
        cls()
    with pytest.raises(TypeError):
        type("Sub", (cls,), {})
    assert not hasattr(iteration, "rust_iterator")
