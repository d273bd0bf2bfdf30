"""`protocols.Seq` (the sequence protocol, iteration through it) and `protocols.Table` (the
mapping protocol)."""

import pytest

from protocols import Seq, Table


def test_sequence_length_and_items():
    s = Seq(10, 20, 30)
    assert len(s) == 3
    assert (s[0], s[1], s[2]) == (10, 20, 30)
    assert (s[-1], s[-3]) == (30, 10)
    assert bool(s) and not bool(Seq())


def test_sequence_index_errors():
    s = Seq(10, 20)
    with pytest.raises(IndexError, match="^Seq index out of range$"):
        s[2]
    with pytest.raises(IndexError):
        s[-3]
    with pytest.raises(TypeError, match=r"^sequence index must be integer, not 'str'$"):
        s["0"]
    with pytest.raises(TypeError, match=r"^sequence index must be integer, not 'slice'$"):
        s[0:1]


def test_iteration_through_the_sequence_protocol():
    s = Seq(1, 2, 3)
    assert list(s) == [1, 2, 3]
    assert list(reversed(s)) == [3, 2, 1]
    assert [x * 2 for x in s] == [2, 4, 6]
    assert sum(s) == 6
    assert list(Seq()) == []
    it = iter(s)
    assert next(it) == 1


def test_sequence_assignment_and_deletion():
    s = Seq(1, 2, 3, 4)
    s[0] = 10
    s[-1] = 40
    assert list(s) == [10, 2, 3, 40]
    del s[1]
    del s[-1]
    assert list(s) == [10, 3]
    with pytest.raises(IndexError, match="^Seq assignment index out of range$"):
        s[5] = 1
    with pytest.raises(IndexError):
        del s[5]
    with pytest.raises(TypeError, match=r"^protocols.Seq values must be int, not str$"):
        s[0] = "x"
    assert list(s) == [10, 3]


def test_sequence_contains():
    s = Seq(1, 2)
    assert 2 in s and 5 not in s
    assert "2" not in s  # an item of another type is simply not there
    assert None not in s


def test_mapping():
    t = Table()
    assert len(t) == 0
    t["a"] = 1
    t["b"] = 2
    t["a"] = 3
    assert (len(t), t["a"], t["b"]) == (2, 3, 2)
    assert "a" in t and "z" not in t and 1 not in t
    assert not bool(Table()) and bool(t)


def test_mapping_errors():
    t = Table()
    t["a"] = 1
    with pytest.raises(KeyError) as info:
        t["missing"]
    assert info.value.args == ("missing",)
    with pytest.raises(TypeError, match=r"^protocols.Table indices must be str, not int$"):
        t[1]
    with pytest.raises(TypeError, match=r"^protocols.Table values must be int, not str$"):
        t["a"] = "one"
    with pytest.raises(TypeError, match=r"^'protocols.Table' object doesn't support item deletion$"):
        del t["a"]
    assert t["a"] == 1


def test_a_mapping_is_not_iterable_without_a_sequence_index():
    with pytest.raises(TypeError, match=r"^'protocols.Table' object is not iterable$"):
        iter(Table())
