"""pytest plugin of the hpy-rs test harness (loaded with ``-p hpy_rs_pytest``).

When the harness runs a module's tests in HPy debug mode (``HPY=debug``), every test runs
under ``hpy.debug.LeakDetector``: a handle the extension opened during the test and did not
close fails that test. A second detector spans the whole session, from before the test
modules (and so the extension) are imported until the end, so handles leaked at import time
or between tests fail the run as well.

When it runs them against the CPython-ABI build (``HPY_RS_ABI=cpython``, no ``HPY``), the
``hpy`` package is made unimportable before the test modules are collected
(``sys.modules["hpy"] = None``: a module, or a test, that still needs it fails), and at the
end of the session the plugin prints ``hpy-rs: loaded '<module>' from <file>`` for every
imported extension module (file ending with ``EXT_SUFFIX``) that lives in a directory on
``PYTHONPATH``: the harness checks that the module came from the file cargo-hpy wrote.
"""

import os
import sys
import sysconfig

import pytest


def _debug_mode():
    return os.environ.get("HPY", "").strip().lower() == "debug"


def _cpython_abi():
    return os.environ.get("HPY_RS_ABI") == "cpython"


_session_detector = None


def pytest_configure(config):
    global _session_detector
    if _cpython_abi():
        sys.modules["hpy"] = None
    if _debug_mode():
        from hpy.debug import LeakDetector

        _session_detector = LeakDetector()
        _session_detector.start()


def _loaded_extensions():
    """(name, file) of every imported module whose file is an extension (``EXT_SUFFIX``) in a
    directory on ``PYTHONPATH``, sorted."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    roots = [os.path.realpath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    found = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(suffix):
            continue
        path = os.path.realpath(file)
        if any(os.path.commonpath([path, root]) == root for root in roots):
            found.append((name, path))
    return sorted(found)


def pytest_sessionfinish(session, exitstatus):
    if _cpython_abi():
        for name, path in _loaded_extensions():
            print(f"\nhpy-rs: loaded '{name}' from {path}")
    if _session_detector is None:
        return
    from hpy.debug import HPyLeakError

    try:
        _session_detector.stop()
    except HPyLeakError as leaks:
        try:
            report = str(leaks)
        except RecursionError:  # a leaked handle to a deeply nested object
            report = "(the leaked objects are too deeply nested to show)"
        print(f"\nhpy-rs: handles still open at the end of the session (leaked at import time or by a test):\n{report}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def hpy_leak_detector():
    """Fails the test if the extension leaks an HPy handle (debug mode only)."""
    if not _debug_mode():
        yield None
        return
    from hpy.debug import LeakDetector

    with LeakDetector() as detector:
        yield detector
