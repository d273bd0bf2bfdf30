"""`picoarray.array`: construction, size, indexing, conversion, reductions and the module's
functions (piconumpy's API and what picoarray adds to it)."""

import inspect
import math

import pytest

import picoarray as np
from picoarray import array


def test_array_from_a_list_of_floats():
    a = array([1.0, 2.5, -3.0])
    assert type(a) is array
    assert a.tolist() == [1.0, 2.5, -3.0]
    assert a.size == 3
    assert len(a) == 3


@pytest.mark.parametrize(
    "data",
    [
        (1.0, 2.0, 3.0),
        [1, 2, 3],
        range(1, 4),
        (x for x in (1.0, 2.0, 3.0)),
        iter([1.0, 2.0, 3.0]),
        [True, 2, 3.0],
    ],
    ids=["tuple", "ints", "range", "generator", "iterator", "mixed"],
)
def test_array_from_any_iterable_of_numbers(data):
    a = array(data)
    assert a.tolist() == [1.0, 2.0, 3.0]
    assert all(type(x) is float for x in a.tolist())


def test_array_of_an_array_copies_it():
    a = array([1.0, 2.0])
    b = array(a)
    assert b.tolist() == [1.0, 2.0]
    b[0] = 5.0
    assert a[0] == 1.0


def test_array_accepts_objects_with_float_or_index():
    class Real:
        def __float__(self):
            return 2.5

    class Index:
        def __index__(self):
            return 7

    assert array([Real(), Index()]).tolist() == [2.5, 7.0]


def test_empty_array():
    a = array([])
    assert a.size == 0 and len(a) == 0
    assert a.tolist() == []
    assert repr(a) == "array([])"


def test_array_rejects_what_is_not_an_iterable_of_numbers():
    with pytest.raises(TypeError, match=r"^'int' object is not iterable$"):
        array(5)
    with pytest.raises(TypeError, match=r"^item 1 must be real number, not str$"):
        array([1.0, "2"])
    with pytest.raises(TypeError, match=r"^must be real number, not NoneType$"):
        array(x for x in [None])
    with pytest.raises(TypeError, match=r"^array.__new__\(\) missing 1 required positional argument: 'data'$"):
        array()
    with pytest.raises(TypeError, match=r"^array.__new__\(\) takes 2 positional arguments but 3 were given$"):
        array([1.0], [2.0])
    assert array(data=[1.0]).tolist() == [1.0]


def test_an_error_raised_by_the_iterable_propagates():
    def numbers():
        yield 1.0
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        array(numbers())


def test_size_is_a_read_only_attribute():
    a = array([1.0])
    with pytest.raises(AttributeError):
        a.size = 3
    assert a.size == 1


def test_getitem_with_positive_and_negative_indices():
    a = array([10.0, 20.0, 30.0])
    assert [a[0], a[1], a[2]] == [10.0, 20.0, 30.0]
    assert [a[-1], a[-2], a[-3]] == [30.0, 20.0, 10.0]
    assert type(a[0]) is float
    assert a[True] == 20.0  # bool is an int, as for lists


@pytest.mark.parametrize("index", [3, -4, 100, -100])
def test_getitem_out_of_range(index):
    a = array([10.0, 20.0, 30.0])
    with pytest.raises(IndexError, match=r"^index out of range$"):
        a[index]


def test_getitem_with_a_huge_index_is_an_index_error_as_for_lists():
    with pytest.raises(IndexError, match=r"^cannot fit 'int' into an index-sized integer$"):
        array([1.0])[10**30]


def test_getitem_with_a_wrong_key_type():
    a = array([1.0])
    with pytest.raises(TypeError, match=r"^picoarray.array indices must be integers or slices, not str$"):
        a["0"]
    with pytest.raises(TypeError, match=r"^picoarray.array indices must be integers or slices, not float$"):
        a[0.0]


def test_getitem_honours_index():
    class Index:
        def __index__(self):
            return -1

    assert array([1.0, 2.0])[Index()] == 2.0


def test_setitem_with_positive_and_negative_indices():
    a = array([0.0, 0.0, 0.0])
    a[0] = 1.5
    a[-1] = 3
    a[1] = True
    assert a.tolist() == [1.5, 1.0, 3.0]


def test_setitem_errors():
    a = array([0.0, 0.0])
    with pytest.raises(IndexError, match=r"^index out of range$"):
        a[2] = 1.0
    with pytest.raises(IndexError, match=r"^index out of range$"):
        a[-3] = 1.0
    with pytest.raises(TypeError, match=r"^picoarray.array values must be real number, not str$"):
        a[0] = "1.0"
    with pytest.raises(ValueError, match=r"^setting an array element with a sequence.$"):
        a[0] = [1.0]
    with pytest.raises(TypeError, match=r"^'picoarray.array' object doesn't support item deletion$"):
        del a[0]
    assert a.tolist() == [0.0, 0.0]


def test_tolist_is_a_new_list_each_time():
    a = array([1.0, 2.0])
    first = a.tolist()
    first.append(3.0)
    assert a.tolist() == [1.0, 2.0]
    assert a.tolist() is not a.tolist()


def test_empty_zeros_and_ones():
    assert np.zeros(3).tolist() == [0.0, 0.0, 0.0]
    assert np.ones(2).tolist() == [1.0, 1.0]
    assert np.empty(4).size == 4  # zero-filled: safe Rust has no uninitialised floats
    assert np.zeros(0).tolist() == []
    for f in (np.empty, np.zeros, np.ones):
        assert type(f(1)) is array
        with pytest.raises(ValueError, match=r"^negative dimensions are not allowed$"):
            f(-1)
        with pytest.raises(TypeError, match=rf"^{f.__name__}\(\) argument 'size' must be int, not float$"):
            f(2.5)


def test_sizes_beyond_memory_raise_memory_error():
    # As numpy does: the allocator refuses, the process carries on.
    for size in (2**40, 2**60, 2**63 - 1):
        for f in (np.empty, np.zeros, np.ones):
            with pytest.raises(MemoryError, match=r"^cannot allocate "):
                f(size)
    a = array([1.0, 2.0])
    with pytest.raises(MemoryError):
        a.resize(2**40)
    assert a.tolist() == [1.0, 2.0]  # unchanged
    a.resize(3)
    assert a.tolist() == [1.0, 2.0, 0.0]


def test_repr():
    assert repr(array([1.0, 2.0])) == "array([1.0, 2.0])"
    assert repr(array([1e100, -0.0, math.nan, -math.inf, 1 / 3])) == (
        "array([1e+100, -0.0, nan, -inf, 0.3333333333333333])"
    )
    assert str(array([0.5])) == "array([0.5])"


def test_sum():
    assert array([1.0, 2.0, 3.5]).sum() == 6.5
    assert array([]).sum() == 0.0
    assert type(array([1.0]).sum()) is float


def test_dot():
    assert array([1.0, 2.0, 3.0]).dot(array([4.0, 5.0, 6.0])) == 32.0
    assert array([]).dot(array([])) == 0.0
    with pytest.raises(ValueError, match=r"^shapes \(3,\) and \(1,\) not aligned: 3 \(dim 0\) != 1 \(dim 0\)$"):
        array([1.0, 2.0, 3.0]).dot(array([1.0]))
    with pytest.raises(TypeError, match=r"^array.dot\(\) argument 'other' must be picoarray.array, not list$"):
        array([1.0]).dot([1.0])


def test_copy_is_independent():
    a = array([1.0, 2.0])
    b = a.copy()
    assert b is not a and b == a
    b[0] = 9.0
    assert a.tolist() == [1.0, 2.0]


def test_append_and_resize():
    a = array([1.0])
    assert a.append(2) is None
    assert a.tolist() == [1.0, 2.0]
    a.resize(4)
    assert a.tolist() == [1.0, 2.0, 0.0, 0.0]
    a.resize(1)
    assert a.tolist() == [1.0]
    with pytest.raises(ValueError, match=r"^negative dimensions not allowed$"):
        a.resize(-1)


def test_pi_cos_and_sin():
    assert np.pi == math.pi
    assert np.cos(0) == 1.0 and type(np.cos(0)) is float
    assert np.sin(np.pi / 2) == 1.0
    c = np.cos(array([0.0, np.pi]))
    assert type(c) is array and c.tolist() == [1.0, -1.0]
    assert np.sin(array([0.0])).tolist() == [0.0]
    with pytest.raises(TypeError, match=r"^cos\(\) argument 'x' must be real number, not str$"):
        np.cos("0")


def test_type_and_module_metadata():
    assert array.__name__ == "array"
    assert array.__module__ == "picoarray"
    assert array.__doc__ == "A one-dimensional array of float64."
    assert "piconumpy" in np.__doc__
    assert str(inspect.signature(np.zeros)) == "(size)"
    assert str(inspect.signature(array.dot)) == "(self, /, other)"


def test_arrays_are_unhashable_since_they_define_eq():
    with pytest.raises(TypeError, match=r"^unhashable type: 'picoarray.array'$"):
        hash(array([1.0]))
