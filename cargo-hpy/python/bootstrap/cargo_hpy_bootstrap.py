"""The in-tree build backend of cargo-hpy itself (``pip wheel ./cargo-hpy``).

It compiles the ``cargo-hpy`` program with cargo (from this checkout: the crate is a member
of the hpy-rs workspace) and lets the program write its own wheel — the program, and the
``cargo_hpy`` PEP 517 backend for extension crates — with the same wheel writer it uses for
extension modules. It needs no Python package to build (``requires = []``), so it works with
build isolation and no package index.
"""

import json
import os
import subprocess

__all__ = ["build_wheel", "build_sdist", "get_requires_for_build_wheel", "get_requires_for_build_sdist"]

_CRATE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_MANIFEST = os.path.join(_CRATE, "Cargo.toml")


def _cargo(*args, capture=False):
    command = [os.environ.get("CARGO", "cargo"), *args, "--manifest-path", _MANIFEST]
    result = subprocess.run(command, stdout=subprocess.PIPE if capture else None, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"cargo failed (exit status {result.returncode}): {' '.join(command)}")
    return result.stdout


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _cargo("build", "--release", "--locked", "--bin", "cargo-hpy")
    target = json.loads(_cargo("metadata", "--format-version", "1", "--no-deps", capture=True))[
        "target_directory"
    ]
    program = os.path.join(target, "release", "cargo-hpy")
    result = subprocess.run(
        [program, "hpy", "tool-wheel", "--out", wheel_directory], stdout=subprocess.PIPE, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} could not write its wheel (exit status {result.returncode})")
    return os.path.basename(result.stdout.strip().splitlines()[-1])


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError(
        "cargo-hpy builds from an hpy-rs checkout (it is a member of the workspace): "
        "build its wheel with `pip wheel ./cargo-hpy`"
    )


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []
