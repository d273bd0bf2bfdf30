"""`OSError`s from `errno` codes and `std::io::Error`, with file names: the exception CPython
raises for the same failure. Run in universal and debug mode (under LeakDetector)."""

import errno
import os
import signal

import pytest

import interpreter


def test_a_missing_file(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        interpreter.file_size(path)
    with pytest.raises(FileNotFoundError) as python:
        os.stat(path)
    error = info.value
    assert (error.errno, error.strerror) == (errno.ENOENT, python.value.strerror)
    assert error.filename == str(path) and error.filename2 is None
    assert str(error) == f"[Errno 2] No such file or directory: '{path}'" == str(python.value)
    (tmp_path / "present").write_bytes(b"12345")
    assert interpreter.file_size(tmp_path / "present") == 5


def test_two_file_names(tmp_path):
    source, target = tmp_path / "a", tmp_path / "nowhere" / "b"
    with pytest.raises(FileNotFoundError) as info:
        interpreter.rename(source, target)
    with pytest.raises(FileNotFoundError) as python:
        os.rename(source, target)
    assert (info.value.filename, info.value.filename2) == (str(source), str(target))
    assert str(info.value) == str(python.value)
    assert " -> " in str(info.value)


def test_permission_and_directory_errors(tmp_path):
    with pytest.raises(IsADirectoryError):
        interpreter.errno_error(errno.EISDIR)
    with pytest.raises(PermissionError) as info:
        interpreter.errno_error(errno.EACCES, "/secret")
    assert info.value.filename == "/secret"


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EEXIST, errno.EAGAIN, errno.EPIPE, errno.ECONNREFUSED, errno.ETIMEDOUT, errno.ENOTDIR, errno.EINVAL, 9999])
def test_the_subclass_and_fields_match_cpythons(code):
    with pytest.raises(OSError) as info:
        interpreter.errno_error(code, "f")
    expected = OSError(code, os.strerror(code), "f")
    assert type(info.value) is type(expected)
    assert info.value.args == expected.args and str(info.value) == str(expected)


def test_rust_display_matches_python(tmp_path):
    """`Error`'s Display is `Type: message`, the message as Python's `str(error)`."""
    text = "FileNotFoundError: [Errno 2] No such file or directory"
    assert interpreter.errno_error_text(errno.ENOENT) == text
    python = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "x.txt")
    assert interpreter.errno_error_text(errno.ENOENT, "x.txt") == f"FileNotFoundError: {python}"


def test_non_utf8_file_names_round_trip(tmp_path):
    name = os.fsdecode(b"caf\xe9")  # a lone surrogate under surrogateescape
    with pytest.raises(FileNotFoundError) as info:
        interpreter.file_size(tmp_path / name)
    assert info.value.filename == str(tmp_path / name)


def test_an_io_error_without_errno_keeps_its_message():
    with pytest.raises(FileNotFoundError) as info:
        interpreter.custom_io_error()
    assert info.value.args == ("no such widget",) and info.value.errno is None
    assert info.value.filename is None


def test_eintr_runs_the_python_signal_handler():
    class Interrupted(Exception):
        pass

    def handler(signum, frame):
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGUSR1, handler)
    try:
        with pytest.raises(Interrupted):
            interpreter.interrupted()
    finally:
        signal.signal(signal.SIGUSR1, previous)


def test_eintr_without_a_handler_exception_is_interrupted_error():
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: None)
    try:
        with pytest.raises(InterruptedError):
            interpreter.interrupted()
    finally:
        signal.signal(signal.SIGUSR1, previous)


@pytest.mark.parametrize("code, expected", [
    (errno.ECHILD, ChildProcessError), (errno.EINPROGRESS, BlockingIOError),
    (errno.ESRCH, ProcessLookupError), (errno.EINVAL, OSError),
])
def test_the_pending_type_is_the_raised_type(code, expected):
    """From Rust, a pending OS error's type and `matches` agree with what Python gets."""
    assert interpreter.errno_error_type(code, expected) == (expected.__name__, True)
    with pytest.raises(expected) as info:
        interpreter.errno_error(code)
    assert type(info.value) is expected
