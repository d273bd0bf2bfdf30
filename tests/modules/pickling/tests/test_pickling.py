"""Pickling and copying `#[hpy::class]` objects through `__getnewargs_ex__`,
`__getstate__`/`__setstate__` and `__copy__`/`__deepcopy__`. Run in universal and debug mode
(under LeakDetector)."""

import copy
import pickle

import pytest

from pickling import Box, Settings, Vector

NEW_PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


class SubVector(Vector):
    pass


class SubSettings(Settings):
    pass


@pytest.mark.parametrize("protocol", NEW_PROTOCOLS)
@pytest.mark.parametrize("cls", [Vector, SubVector])
def test_getnewargs_ex_rebuilds_through_the_constructor(protocol, cls):
    v = cls(1.5, -2.0, label="v")
    again = pickle.loads(pickle.dumps(v, protocol))
    assert type(again) is cls and again == v and again is not v
    assert repr(again) == "Vector(1.5, -2, label=Some(\"v\"))"
    unlabeled = pickle.loads(pickle.dumps(cls(0, 1), protocol))
    assert unlabeled == cls(0, 1)


@pytest.mark.parametrize("protocol", [0, 1])
def test_protocols_0_and_1_refuse_a_class_with_a_constructor(protocol):
    """As for any C type with its own `__new__`: `copyreg._reduce_ex`, which the old
    protocols use, refuses (CPython's wording); `__reduce__` is what works with them."""
    with pytest.raises(TypeError, match=r"^cannot pickle 'Vector' object$"):
        pickle.loads(pickle.dumps(Vector(1, 2), protocol))


def test_getnewargs_ex_is_what_copy_uses():
    v = Vector(3, 4, label="c")
    for c in (copy.copy(v), copy.deepcopy(v)):
        assert type(c) is Vector and c == v and c is not v
    assert Vector(1, 2).__getnewargs_ex__() == ((1.0, 2.0), {"label": None})


@pytest.mark.parametrize("protocol", NEW_PROTOCOLS)
@pytest.mark.parametrize("cls", [Settings, SubSettings])
def test_getstate_and_setstate(protocol, cls):
    s = cls()
    s.set("depth", 3)
    s.set("width", -1)
    assert s.restored == 0
    again = pickle.loads(pickle.dumps(s, protocol))
    assert type(again) is cls and again is not s
    assert (again.get("depth"), again.get("width"), again.get("none")) == (3, -1, None)
    assert again.restored == 1


def test_setstate_checks_its_argument():
    s = Settings()
    with pytest.raises(TypeError):
        s.__setstate__([("a", 1)])
    with pytest.raises(TypeError):
        s.__setstate__({"a": "one"})
    assert s.restored == 0


def test_copies_of_settings_are_independent():
    s = Settings()
    s.set("a", 1)
    c = copy.copy(s)
    c.set("a", 2)
    assert s.get("a") == 1 and c.get("a") == 2 and c.restored == 1


def test_copy_shares_the_content():
    content = [1, [2]]
    b = Box(content)
    c = copy.copy(b)
    assert type(c) is Box and c is not b and c.origin == "copy"
    assert c.content is content


def test_deepcopy_copies_the_content():
    inner = [2]
    b = Box([1, inner, inner])
    d = copy.deepcopy(b)
    assert type(d) is Box and d.origin == "deepcopy"
    assert d.content == [1, [2], [2]] and d.content is not b.content
    assert d.content[1] is d.content[2] and d.content[1] is not inner  # sharing survives


def test_deepcopy_keeps_cycles():
    b = Box(None)
    cycle = [b]
    b2 = Box(cycle)
    cycle.append(b2)
    d = copy.deepcopy(b2)
    assert d.content[1] is d  # the box inside its own content is the copy itself
    assert d.content[0] is not b and d.content[0].origin == "deepcopy"


class SubBox(Box):
    pass


def test_subclass_copies_stay_subclasses():
    s = SubBox("x")
    assert type(copy.copy(s)) is SubBox and type(copy.deepcopy(s)) is SubBox


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_box_does_not_pickle(protocol):
    """Box defines copying only: like a C type without pickle support, pickling refuses."""
    with pytest.raises(TypeError):
        pickle.dumps(Box(1), protocol)
