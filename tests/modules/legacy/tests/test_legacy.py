"""The `legacy` feature: handles to and from `PyObject*`, and classes half ported from the
C API (C-API methods and slots beside hpy-rs methods, seeing the same Rust value). Run in
universal and debug mode (under LeakDetector)."""

import gc
import sys
import weakref

import pytest

import legacy
from legacy import Counter, Hollow, Point


def test_a_roundtrip_through_py_object_keeps_identity():
    for obj in [object(), "text", 10**30, [1, 2], None, Counter(3)]:
        assert legacy.roundtrip(obj) is obj


def test_a_roundtrip_through_py_object_leaves_the_reference_count_alone():
    obj = object()
    before = sys.getrefcount(obj)
    for _ in range(1000):
        legacy.roundtrip(obj)
    assert sys.getrefcount(obj) == before


def test_a_null_py_object_raises_the_exception_the_c_api_set():
    with pytest.raises(KeyError, match="legacy"):
        legacy.from_null(True)


def test_a_null_py_object_without_an_exception_is_a_system_error():
    with pytest.raises(SystemError, match="NULL PyObject"):
        legacy.from_null(False)


def test_hpy_and_legacy_methods_share_the_value():
    c = Counter(5)
    c.increment()
    assert c.value == 6
    assert c.peek() == 6
    assert c.add(10) == 16
    assert c.value == 16
    c.increment()
    assert c.peek() == 17
    assert legacy.peek_through_pointer(c) == 17


def test_legacy_methods_are_methods_of_the_type():
    assert Counter.peek.__doc__ == "The value, read by C-API code."
    assert Counter.add.__doc__ == "Adds n in C-API code; the new value."
    with pytest.raises(TypeError):
        Counter.peek(object())
    with pytest.raises(TypeError):
        Counter(1).add("two")


def test_a_legacy_slot():
    assert repr(Counter(42)) == "Counter(42)"
    assert str(Counter(-1)) == "Counter(-1)"


def test_legacy_code_respects_the_borrow_flag():
    c = Counter(1)
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        c.while_borrowed(c.peek)
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        c.while_borrowed(lambda: c.add(1))
    assert c.while_borrowed(lambda: 7) == 7
    assert c.peek() == 1


def test_an_object_without_a_value_is_refused_by_legacy_code_too():
    assert Hollow().peek() == 1
    # A `__new__` that never calls the type's own: the payload stays zeros.
    Hollow.__new__ = staticmethod(lambda c: object.__new__(c))
    obj = Hollow()
    message = r"^Hollow object is not initialized"
    with pytest.raises(TypeError, match=message):
        obj.peek()
    with pytest.raises(TypeError, match=r"^legacy.Hollow object is not initialized"):
        obj.value()
    del obj  # tp_destroy skips the missing value


def test_python_subclasses_see_the_value_and_the_legacy_slots():
    class Sub(Counter):
        def twice(self):
            return 2 * self.peek()

        def __str__(self):
            return "sub"

    s = Sub(4)
    s.increment()
    assert s.value == 5 and s.peek() == 5 and s.twice() == 10
    assert s.add(1) == 6
    assert repr(s) == "Counter(6)" and str(s) == "sub"
    s.extra = "a dict of its own"
    assert legacy.peek_through_pointer(s) == 6


def test_a_cycle_through_a_field_of_a_legacy_object_is_collected():
    gc.collect()
    before = legacy.dropped()
    c = Counter(1)
    c.tag = c
    assert c.tag is c
    assert c in gc.get_referents(c)
    del c
    gc.collect()
    assert legacy.dropped() == before + 1


def test_a_cycle_through_a_subclass_instance_is_collected():
    class Sub(Counter):
        pass

    gc.collect()
    before = legacy.dropped()
    s = Sub(2)
    s.tag = [s]
    ref = weakref.ref(s)
    del s
    gc.collect()
    assert ref() is None
    assert legacy.dropped() == before + 1


def test_objects_without_cycles_drop_their_value():
    before = legacy.dropped()
    Counter(1)
    Counter(2).tag = "x"
    assert legacy.dropped() == before + 2


def test_a_frozen_legacy_class_members_and_slot():
    p = Point(1.5, -2.0)
    assert (p.x, p.y) == (1.5, -2.0)
    assert p.sum() == -0.5
    assert str(p) == "(1.5, -2.0)"
    with pytest.raises(AttributeError):
        p.x = 3.0


def test_legacy_classes_have_the_legacy_layout():
    # The whole object is the basicsize HPy was given: header and payload, no hidden header.
    assert Counter.__basicsize__ >= 16 + 16
    assert Point.__basicsize__ == 16 + 16 + 16
