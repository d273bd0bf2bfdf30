"""Slicing (a new array, as for lists), slice assignment, and iteration through `__getitem__`
and `IndexError`."""

import pytest

from picoarray import array

DATA = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]

SLICES = [
    slice(1, 3),
    slice(None),
    slice(None, None, 2),
    slice(None, None, -1),
    slice(-2, None),
    slice(4, 1, -1),
    slice(5, 0, -2),
    slice(3, 3),
    slice(10, 20),
    slice(-100, 100),
    slice(1, -1, 3),
]


@pytest.mark.parametrize("key", SLICES, ids=str)
def test_slices_match_list_slicing(key):
    a = array(DATA)
    part = a[key]
    assert type(part) is array
    assert part.tolist() == DATA[key]


def test_a_slice_is_a_copy():
    a = array(DATA)
    part = a[1:3]
    part[0] = 100.0
    assert a[1] == 1.0
    a[2] = -1.0
    assert part[1] == 2.0


def test_slice_step_zero():
    with pytest.raises(ValueError, match=r"^slice step cannot be zero$"):
        array(DATA)[::0]


def test_slice_bounds_honour_index_and_reject_other_types():
    class Index:
        def __index__(self):
            return 2

    assert array(DATA)[Index():].tolist() == DATA[2:]
    with pytest.raises(TypeError, match=r"^slice indices must be integers or None or have an __index__ method$"):
        array(DATA)["a":]


@pytest.mark.parametrize("key", SLICES, ids=str)
def test_slice_assignment_of_a_number(key):
    a = array(DATA)
    expected = list(DATA)
    positions = range(len(DATA))[key]
    for i in positions:
        expected[i] = -1.0
    a[key] = -1
    assert a.tolist() == expected


@pytest.mark.parametrize("key", SLICES, ids=str)
def test_slice_assignment_of_as_many_values(key):
    a = array(DATA)
    expected = list(DATA)
    positions = range(len(DATA))[key]
    values = [100.0 + k for k in range(len(positions))]
    for i, v in zip(positions, values):
        expected[i] = v
    a[key] = values
    assert a.tolist() == expected


def test_slice_assignment_from_another_array_or_itself():
    a = array(DATA)
    a[:3] = array([7.0, 8.0, 9.0])
    assert a.tolist() == [7.0, 8.0, 9.0, 3.0, 4.0, 5.0]
    a[::-1] = a
    assert a.tolist() == [5.0, 4.0, 3.0, 9.0, 8.0, 7.0]
    a[1:3] = (x for x in (0.5, 0.25))
    assert a.tolist() == [5.0, 0.5, 0.25, 9.0, 8.0, 7.0]


def test_slice_assignment_errors_leave_the_array_unchanged():
    a = array(DATA)
    with pytest.raises(ValueError, match=r"^could not broadcast input array from shape \(2,\) into shape \(3,\)$"):
        a[:3] = [1.0, 2.0]
    with pytest.raises(TypeError, match=r"^picoarray.array values item 1 must be real number, not str$"):
        a[:2] = [1.0, "x"]
    with pytest.raises(TypeError, match=r"'NoneType' object is not iterable"):
        a[:2] = None
    assert a.tolist() == DATA


def test_iteration_uses_getitem_until_index_error():
    a = array([1.0, 2.0, 3.0])
    assert list(a) == [1.0, 2.0, 3.0]
    assert [x * 2 for x in a] == [2.0, 4.0, 6.0]
    assert list(reversed(a)) == [3.0, 2.0, 1.0]
    assert 2.0 in a and 5.0 not in a
    x, y, z = a
    assert (x, y, z) == (1.0, 2.0, 3.0)
    assert sum(a) == 6.0
    assert list(array([])) == []


def test_iteration_sees_mutation():
    a = array([1.0, 2.0, 3.0])
    seen = []
    for i, x in enumerate(a):
        seen.append(x)
        if i == 0:
            a[2] = 30.0
    assert seen == [1.0, 2.0, 30.0]
