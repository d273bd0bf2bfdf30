"""Buffer exports: `protocols.Samples` (writable, 1-D), `Grid` (read-only 2-D, C or Fortran
order) and `Cube` (a reshaped 3-D byte buffer); the request flags of `PyObject_GetBuffer`."""

import ctypes
import gc

import pytest

from protocols import Cube, Grid, Samples

# The request flags of CPython's Include/pybuffer.h.
PyBUF_SIMPLE = 0
PyBUF_WRITABLE = 0x0001
PyBUF_FORMAT = 0x0004
PyBUF_ND = 0x0008
PyBUF_STRIDES = 0x0010 | PyBUF_ND
PyBUF_C_CONTIGUOUS = 0x0020 | PyBUF_STRIDES
PyBUF_F_CONTIGUOUS = 0x0040 | PyBUF_STRIDES
PyBUF_ANY_CONTIGUOUS = 0x0080 | PyBUF_STRIDES


class Py_buffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.POINTER(ctypes.c_ssize_t)),
        ("strides", ctypes.POINTER(ctypes.c_ssize_t)),
        ("suboffsets", ctypes.POINTER(ctypes.c_ssize_t)),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(Py_buffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(Py_buffer)]


def get_buffer(obj, flags):
    """`PyObject_GetBuffer(obj, &view, flags)`: the view, or the exception it raised."""
    view = Py_buffer()
    _get_buffer(obj, ctypes.byref(view), flags)  # ctypes raises the Python exception
    return view


def test_memoryview_of_samples():
    s = Samples(4)
    m = memoryview(s)
    assert (m.format, m.itemsize, m.ndim, m.shape, m.strides) == ("d", 8, 1, (4,), (8,))
    assert not m.readonly and m.c_contiguous
    assert m.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert m.nbytes == 32
    m.release()


def test_writes_through_the_view_reach_the_rust_value():
    s = Samples(3)
    with memoryview(s) as m:
        m[1] = 10.5
        m[2] = -1.0
    assert s.sum() == 9.5


def test_exports_are_counted_and_block_resizing():
    s = Samples(2)
    assert s.exports == 0
    m1 = memoryview(s)
    m2 = memoryview(s)
    assert s.exports == 2
    with pytest.raises(BufferError, match="^Existing exports of data: object cannot be re-sized$"):
        s.push(1.0)
    m1.release()
    assert s.exports == 1
    del m2
    gc.collect()
    assert s.exports == 0
    s.push(5.0)
    assert memoryview(s).tolist() == [0.0, 1.0, 5.0]


def test_the_view_keeps_the_object_alive():
    m = memoryview(Samples(3))
    gc.collect()
    assert m.tolist() == [0.0, 1.0, 2.0]
    assert m.obj.exports == 1


def test_bytes_and_casts():
    s = Samples(2)
    raw = bytes(memoryview(s))
    assert len(raw) == 16
    assert memoryview(s).cast("B").tolist() == list(raw)


def test_a_c_ordered_grid():
    g = Grid(2, 3)
    m = memoryview(g)
    assert (m.format, m.itemsize, m.shape, m.strides) == ("i", 4, (2, 3), (12, 4))
    assert m.readonly and m.c_contiguous and not m.f_contiguous
    assert m.tolist() == [[0, 1, 2], [10, 11, 12]]
    with pytest.raises(TypeError, match="^cannot modify read-only memory$"):
        m[0, 0] = 1


def test_a_fortran_ordered_grid():
    g = Grid(2, 3, fortran=True)
    m = memoryview(g)
    assert (m.shape, m.strides) == ((2, 3), (4, 8))
    assert m.f_contiguous and not m.c_contiguous
    assert m.tolist() == [[0, 1, 2], [10, 11, 12]]
    assert bytes(m) == bytes(memoryview(Grid(2, 3)))  # bytes() reads in C order


def test_a_reshaped_cube():
    m = memoryview(Cube())
    assert (m.format, m.shape, m.strides) == ("B", (2, 3, 4), (12, 4, 1))
    assert m.tolist()[1][2] == [20, 21, 22, 23]


def test_a_simple_request_gets_plain_bytes():
    s = Samples(2)
    view = get_buffer(s, PyBUF_SIMPLE)
    try:
        assert view.len == 16
        assert view.format is None  # unsigned bytes, since FORMAT was not asked for
        assert not view.shape and not view.strides
        assert view.obj is s
        assert s.exports == 1
    finally:
        _release_buffer(ctypes.byref(view))
    assert s.exports == 0


def test_the_request_flags_are_honoured():
    view = get_buffer(Grid(2, 3), PyBUF_ND | PyBUF_FORMAT)
    try:
        assert view.format == b"i" and view.ndim == 2
        assert [view.shape[0], view.shape[1]] == [2, 3]
        assert not view.strides
    finally:
        _release_buffer(ctypes.byref(view))
    view = get_buffer(Grid(2, 3, fortran=True), PyBUF_F_CONTIGUOUS)
    try:
        assert [view.strides[0], view.strides[1]] == [4, 8]
    finally:
        _release_buffer(ctypes.byref(view))
    view = get_buffer(Grid(2, 3, fortran=True), PyBUF_ANY_CONTIGUOUS)
    _release_buffer(ctypes.byref(view))


@pytest.mark.parametrize(
    "make, flags, message",
    [
        (lambda: Grid(2, 3), PyBUF_WRITABLE, "^Object is not writable.$"),
        (lambda: Grid(2, 3, fortran=True), PyBUF_SIMPLE, "^buffer is not C-contiguous$"),
        (lambda: Grid(2, 3, fortran=True), PyBUF_ND, "^buffer is not C-contiguous$"),
        (lambda: Grid(2, 3, fortran=True), PyBUF_C_CONTIGUOUS, "^buffer is not C-contiguous$"),
        (lambda: Grid(2, 3), PyBUF_F_CONTIGUOUS, "^buffer is not Fortran contiguous$"),
    ],
)
def test_requests_that_cannot_be_met_raise_buffer_error(make, flags, message):
    with pytest.raises(BufferError, match=message):
        get_buffer(make(), flags)


def test_a_refused_request_still_pairs_getbuffer_with_releasebuffer():
    s = Samples(2, readonly=True)
    # __getbuffer__ counts an export, then the writable request is refused: the slot runs
    # __releasebuffer__ at once.
    with pytest.raises(BufferError, match="^Object is not writable.$"):
        get_buffer(s, PyBUF_WRITABLE)
    assert s.exports == 0
    with pytest.raises(BufferError):
        memoryview(s).cast("B")[0:1].tobytes() and get_buffer(s, PyBUF_WRITABLE | PyBUF_FORMAT)
    assert s.exports == 0
    with memoryview(s) as m:
        assert m.readonly and s.exports == 1
    assert s.exports == 0
