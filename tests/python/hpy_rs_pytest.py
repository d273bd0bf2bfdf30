"""pytest plugin of the hpy-rs test harness (loaded with ``-p hpy_rs_pytest``).

When the harness runs a module's tests in HPy debug mode (``HPY=debug``), every test runs
under ``hpy.debug.LeakDetector``: a handle the extension opened during the test and did not
close fails that test. A second detector spans the whole session, from before the test
modules (and so the extension) are imported until the end, so handles leaked at import time
or between tests fail the run as well.
"""

import os

import pytest


def _debug_mode():
    return os.environ.get("HPY", "").strip().lower() == "debug"


_session_detector = None


def pytest_configure(config):
    global _session_detector
    if _debug_mode():
        from hpy.debug import LeakDetector

        _session_detector = LeakDetector()
        _session_detector.start()


def pytest_sessionfinish(session, exitstatus):
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
