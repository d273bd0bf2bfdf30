"""The buffer protocol: `memoryview(a)` and `numpy.asarray(a)` are views of the array's own
memory, and while any view is alive the array refuses to reallocate (BufferError) instead of
leaving the view dangling.

Views are released explicitly (or die with a statement's temporaries) outside any call into
the module: HPy 0.9's debug mode aborts when a view is released inside another HPy call
(see guide/src/limits.md)."""

import gc
import struct

import numpy
import pytest

from picoarray import array

RESIZE_REFUSED = r"^Existing exports of data: object cannot be re-sized$"


def test_memoryview_describes_a_float64_vector():
    a = array([1.0, 2.0, 3.0])
    with memoryview(a) as m:
        assert m.format == "d"
        assert m.itemsize == 8
        assert m.ndim == 1
        assert m.shape == (3,)
        assert m.strides == (8,)
        assert m.nbytes == 24
        assert m.readonly is False
        assert m.c_contiguous
        assert m.tolist() == [1.0, 2.0, 3.0]


def test_memoryview_bytes_are_native_doubles():
    a = array([0.5, -2.0])
    with memoryview(a) as m:
        assert bytes(m) == struct.pack("=2d", 0.5, -2.0)


def test_writes_through_a_memoryview_reach_the_array():
    a = array([1.0, 2.0, 3.0])
    with memoryview(a) as m:
        m[1] = 20.0
        m[::2] = memoryview(array([-1.0, -3.0]))
    assert a.tolist() == [-1.0, 20.0, -3.0]


def test_a_memoryview_sees_writes_to_the_array():
    a = array([1.0, 2.0, 3.0])
    with memoryview(a) as m:
        a[0] = 7.0
        a += 1.0
        a[1:] = 0.0
        assert m.tolist() == [8.0, 0.0, 0.0]


def test_an_empty_array_exports_an_empty_buffer():
    a = array([])
    with memoryview(a) as m:
        assert m.shape == (0,)
        assert m.nbytes == 0
        assert m.tolist() == []


def test_numpy_asarray_shares_memory():
    a = array([1.0, 2.0, 3.0])
    n = numpy.asarray(a)
    assert n.dtype == numpy.float64
    assert n.shape == (3,)
    assert n.flags.writeable
    n[0] = 10.0  # numpy writes into the array's memory
    n *= 2.0
    assert a.tolist() == [20.0, 4.0, 6.0]
    a[2] = -1.0  # and sees the array's writes
    assert n.tolist() == [20.0, 4.0, -1.0]
    assert numpy.shares_memory(n, numpy.asarray(a))
    del n


def test_numpy_computes_on_the_array_without_copying():
    a = array([1.0, 2.0, 3.0, 4.0])
    assert numpy.add.reduce(a) == 10.0  # (numpy.sum(a) would call a.sum())
    assert numpy.dot(a, a) == 30.0
    numpy.multiply(a, 3.0, out=numpy.asarray(a))
    assert a.tolist() == [3.0, 6.0, 9.0, 12.0]


def test_an_array_is_built_from_a_numpy_array():
    assert array(numpy.arange(4.0)).tolist() == [0.0, 1.0, 2.0, 3.0]
    assert array(numpy.array([1, 2], dtype=numpy.int64)).tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    "reallocate",
    [lambda a: a.append(4.0), lambda a: a.resize(10), lambda a: a.resize(0)],
    ids=["append", "resize-grow", "resize-shrink"],
)
def test_reallocation_is_refused_while_a_memoryview_is_alive(reallocate):
    a = array([1.0, 2.0, 3.0])
    m = memoryview(a)
    with pytest.raises(BufferError, match=RESIZE_REFUSED):
        reallocate(a)
    assert a.tolist() == [1.0, 2.0, 3.0]
    assert m.tolist() == [1.0, 2.0, 3.0]
    m.release()
    reallocate(a)  # allowed again once the view is gone
    assert len(a) != 3


def test_reallocation_is_refused_while_a_numpy_view_is_alive():
    a = array([1.0, 2.0])
    n = numpy.asarray(a)
    with pytest.raises(BufferError, match=RESIZE_REFUSED):
        a.append(3.0)
    del n
    gc.collect()
    a.append(3.0)
    assert a.tolist() == [1.0, 2.0, 3.0]


def test_every_view_must_go_before_reallocation():
    a = array([1.0])
    m1 = memoryview(a)
    m2 = memoryview(a)
    m1.release()
    with pytest.raises(BufferError, match=RESIZE_REFUSED):
        a.append(2.0)
    m2.release()
    a.append(2.0)
    assert a.tolist() == [1.0, 2.0]


def test_a_view_keeps_the_array_alive():
    m = memoryview(array([5.0, 6.0]))
    gc.collect()
    assert m.tolist() == [5.0, 6.0]
    m.release()


def test_operations_that_do_not_reallocate_work_while_exported():
    a = array([1.0, 2.0, 3.0])
    with memoryview(a) as m:
        a[::-1] = a
        a *= 2.0
        b = a + a
        assert m.tolist() == [6.0, 4.0, 2.0]
        assert b.tolist() == [12.0, 8.0, 4.0]
