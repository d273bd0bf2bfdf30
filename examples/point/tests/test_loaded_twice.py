"""The same library loaded twice in one process.

`hpy.universal.load` of a path already loaded gets the same library back, statics included.
Again in the same mode, the load shares the first one's types; in another mode it is refused
with an ImportError, and the first load carries on. A copy of the file is another library.

Built for the CPython ABI, CPython's own loader calls `PyInit_point` again for a path already
loaded (a multi-phase module is made anew each time), with the same library: the types are
shared the same way. There are no modes to refuse.
"""

import gc
import importlib.machinery
import importlib.util
import os
import shutil
import types

import pytest

import point

CPYTHON_ABI = os.environ.get("HPY_RS_ABI") == "cpython"
MODE = "cpython" if CPYTHON_ABI else os.environ.get("HPY", "universal").strip().lower()
MODES = {"universal": 0, "debug": 1, "trace": 2}


def load(path, mode):
    if CPYTHON_ABI:
        loader = importlib.machinery.ExtensionFileLoader("point", path)
        spec = importlib.util.spec_from_file_location("point", path, loader=loader)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    import hpy.universal

    spec = importlib.machinery.ModuleSpec("point", None, origin=path)
    return hpy.universal.load("point", path, spec, mode=MODES[mode])


def point_modules():
    return [m for m in gc.get_objects() if isinstance(m, types.ModuleType) and m.__name__ == "point"]


@pytest.mark.skipif(CPYTHON_ABI, reason="the CPython ABI has no modes")
@pytest.mark.parametrize("other", sorted(set(MODES) - {MODE}))
def test_another_mode_is_refused_and_the_first_load_carries_on(other):
    before = len(point_modules())
    with pytest.raises(ImportError) as e:
        load(point.__file__, other)
    assert str(e.value) == (
        f"cannot load the HPy extension module 'point' in {other} mode: this process already "
        f"loaded its library in {MODE} mode, and one library runs in one mode per process (its "
        "calls reach HPy through the context it was first loaded with, and its types live in "
        f"its globals); load it in {MODE} mode, or load a copy of the .so file"
    )
    a = point.Point(1, 2)
    assert a + a == point.Point(2, 4)
    assert point.Node(1, point.Node(2)).next.value == 2
    # The refused module object is gone at once: HPy frees its definition, and a garbage
    # collection that found the module later would read it.
    gc.collect()
    assert len(point_modules()) == before


def test_the_same_mode_again_shares_the_types():
    again = load(point.__file__, MODE)
    assert again is not point
    assert again.Point is point.Point
    assert again.Node is point.Node
    assert again.PointError is point.PointError
    a, b = point.Point(1, 2), again.Point(3, 4)
    assert a + b == again.Point(4, 6) == b + a
    assert again.Point.origin() == point.Point(0, 0)
    with pytest.raises(point.PointError):
        again.Point.from_tuple((1, 2, 3))
    again.set_default(b)
    assert point.get_default() is b


def test_a_copy_of_the_library_is_another_library(tmp_path):
    copy = str(tmp_path / os.path.basename(point.__file__))
    shutil.copy(point.__file__, copy)
    other = "debug" if MODE == "universal" else "universal"
    if CPYTHON_ABI:
        other = MODE
    separate = load(copy, other)
    assert separate.Point is not point.Point
    p = separate.Point(1, 2)
    assert p + p == separate.Point(2, 4)
    with pytest.raises(TypeError):
        p + point.Point(1, 2)
    q = point.Point(1, 1)
    assert q + q == point.Point(2, 2)
