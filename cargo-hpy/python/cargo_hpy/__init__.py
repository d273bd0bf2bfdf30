"""cargo-hpy's PEP 517 build backend: builds an hpy-rs extension crate into a wheel.

Name it in the crate's ``pyproject.toml``::

    [build-system]
    requires = ["cargo-hpy"]
    build-backend = "cargo_hpy"

and ``pip install .``, ``pip wheel .`` or ``python -m build`` build it. Every hook runs the
``cargo-hpy`` program installed with this package, which builds the crate with cargo and
writes the wheel (or sdist, or metadata) itself; this module only finds the program and
passes the hook's arguments on. ``config_settings`` may set ``profile`` to ``release``
(the default) or ``debug``. A crate whose ``pyproject.toml`` says ``[tool.cargo-hpy] abi =
"cpython"`` is built for the CPython ABI of the interpreter running the backend.
"""

import os
import subprocess
import sys
from importlib import metadata

__all__ = [
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
]

_PROGRAM = "cargo-hpy.exe" if os.name == "nt" else "cargo-hpy"


def _program():
    """The ``cargo-hpy`` program this distribution installed (its RECORD says where), or the
    one ``$CARGO_HPY`` names."""
    override = os.environ.get("CARGO_HPY")
    if override:
        return override
    dist = metadata.distribution("cargo-hpy")
    for file in dist.files or ():
        if file.name == _PROGRAM and file.parent.name == "scripts":
            return str(dist.locate_file(file).resolve())
        if file.name == _PROGRAM and file.parent.name == "bin":
            return str(dist.locate_file(file).resolve())
    raise RuntimeError(f"cargo-hpy: the {_PROGRAM} program of this installation was not found")


def _profile(config_settings):
    profile = (config_settings or {}).get("profile", "release")
    if profile not in ("release", "debug"):
        raise ValueError(f"cargo-hpy: config setting 'profile' must be 'release' or 'debug', not {profile!r}")
    return ["--debug"] if profile == "debug" else []


def _run(*args):
    """Runs ``cargo-hpy hpy <args>`` on the project in the current directory (where the
    frontend runs the hooks) and returns the last line it printed: the name of what it
    wrote."""
    command = [_program(), "hpy", *args]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        raise RuntimeError(f"cargo-hpy failed (exit status {result.returncode}): {' '.join(command)}")
    lines = result.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"cargo-hpy printed nothing: {' '.join(command)}")
    return os.path.basename(lines[-1])


def _python():
    """The interpreter a CPython-ABI build is for: the one the frontend runs the backend with."""
    return ["--python", sys.executable]


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _run("wheel", "--out", wheel_directory, *_profile(config_settings), *_python(), ".")


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _run("wheel", "--editable", "--out", wheel_directory, *_profile(config_settings), *_python(), ".")


def build_sdist(sdist_directory, config_settings=None):
    return _run("sdist", "--out", sdist_directory, ".")


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _run("metadata", "--out", metadata_directory, ".")


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []
