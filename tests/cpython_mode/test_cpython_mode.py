"""What the harness promises a module's Python tests in the CPython ABI (run by
tests/tests/cpython_mode.rs against examples/hello built with --abi cpython)."""

import importlib.util
import os
import sysconfig

import pytest


def test_the_mode_is_told_by_hpy_rs_abi():
    assert os.environ.get("HPY_RS_ABI") == "cpython"
    assert "HPY" not in os.environ
    assert "HPY_LOG" not in os.environ


def test_the_hpy_package_cannot_be_imported():
    with pytest.raises(ImportError):
        import hpy  # noqa: F401
    with pytest.raises(ImportError):
        import hpy.universal  # noqa: F401


def test_the_extension_is_a_cpython_extension():
    import hello

    assert hello.__file__.endswith(sysconfig.get_config_var("EXT_SUFFIX"))
    assert hello.add(1, b=2) == 3
    assert importlib.util.find_spec("hello").origin == hello.__file__
