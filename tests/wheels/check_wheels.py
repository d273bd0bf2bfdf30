"""The wheels, checked as a user gets them (issue #16): run by scripts/test.sh.

1. `pip wheel ./cargo-hpy` builds cargo-hpy's own wheel (the program and the `cargo_hpy` PEP 517
   backend), with build isolation and no package index.
2. `pip wheel --no-index --find-links DIST ./examples/<ex>` builds exactly one wheel per
   example, tagged for every CPython hpy 0.9 supports, whose manylinux tag `auditwheel show`
   agrees with.
3. On every CPython 3.8-3.12 the machine has (pyenv's, and the interpreter running this), in a
   fresh virtualenv with hpy 0.9 from the package index, the wheels install and every example's
   tests pass from them, in HPy universal mode and in debug mode under the leak detector
   (tests/python/hpy_rs_pytest.py), each loaded in the mode asked for (the loader's log).
4. `pip install --no-index --find-links DIST ./examples/point` (build isolation on) installs
   it; `pip show point` knows it; `pip uninstall -y point` removes every file it installed.
5. The sdist of `examples/hello` (`cargo hpy sdist`, from cargo-hpy's installed wheel), copied
   to a directory outside this repository, builds with pip into a wheel whose tests pass.
6. `cargo hpy new` makes a project outside this repository that `pip install <dir>` builds and
   whose generated tests pass (in universal and debug mode).
7. On CPython 3.13, if the machine has it: pip refuses the wheels (their tags stop at 3.12), and
   a module put on the path by hand refuses to load with an ImportError that says why (HPy 0.9's
   runtime is not made for 3.13; see hpy/src/convert/interpreter.rs) instead of crashing.
8. `cargo hpy wheel --abi cpython` makes `examples/hello` a CPython-ABI wheel for the interpreter
   running this, tagged cpXY-cpXY-manylinux_* (auditwheel agrees) and not requiring hpy; it
   installs into a fresh virtualenv without hpy, where `hello` imports with `hpy` unimportable;
   every other CPython 3.8-3.12 found refuses its extension with an ImportError.

Usage: python tests/wheels/check_wheels.py   (from the workspace root; exits non-zero on failure)
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(ROOT, "target", "wheels")
DIST = os.path.join(WORK, "dist")
# Each example, and the name of its #[hpy::module] (mixed's lives in its package, as mixed._native).
EXAMPLES = {"hello": "hello", "quickstart": "quickstart", "point": "point", "picoarray": "picoarray", "mixed": "_native"}
PYTHON_TAGS = "cp38.cp39.cp310.cp311.cp312"
SUPPORTED = [(3, minor) for minor in range(8, 13)]


def run(command, **kwargs):
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def output(command, **kwargs):
    return run(command, stdout=subprocess.PIPE, text=True, **kwargs).stdout


def build_wheels(python):
    shutil.rmtree(DIST, ignore_errors=True)
    os.makedirs(DIST)
    pip_wheel = [python, "-m", "pip", "wheel", "--no-deps", "--no-index", "-w", DIST]
    run(pip_wheel + [os.path.join(ROOT, "cargo-hpy")])
    tool = glob.glob(os.path.join(DIST, "cargo_hpy-*.whl"))
    assert len(tool) == 1, f"one cargo-hpy wheel expected, found {tool}"
    wheels = {}
    for example in EXAMPLES:
        run(pip_wheel + ["--find-links", DIST, os.path.join(ROOT, "examples", example)])
        found = glob.glob(os.path.join(DIST, f"{example}-*.whl"))
        assert len(found) == 1, f"one {example} wheel expected, found {found}"
        wheels[example] = found[0]
    return wheels


def check_tags(python, wheels):
    for example, wheel in wheels.items():
        name = os.path.basename(wheel)
        match = re.fullmatch(rf"{example}-[^-]+-{re.escape(PYTHON_TAGS)}-none-(manylinux_2_\d+_\w+)\.whl", name)
        assert match, f"{name}: not tagged {PYTHON_TAGS}-none-manylinux_*"
        shown = output([python, "-m", "auditwheel", "show", wheel])
        expected = f'is consistent with the following platform tag:\n"{match.group(1)}"'
        assert expected in shown, f"auditwheel disagrees with {name}:\n{shown}"
        print(f"ok: {name} ({match.group(1)}, auditwheel agrees)")


def python_313():
    """A CPython 3.13 interpreter, if the machine has one."""
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = sorted(glob.glob(os.path.join(pyenv_root, "versions", "3.13.*", "bin", "python3")))
    return found[0] if found else None


def interpreters():
    """Every CPython 3.8-3.12 found: pyenv's, and the one running this; one per version."""
    candidates = [sys.executable]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates += sorted(glob.glob(os.path.join(pyenv_root, "versions", "3.*", "bin", "python3")))
    found = {}
    for python in candidates:
        try:
            version = output([python, "-c", "import sys; print(*sys.version_info[:2])"]).split()
        except (OSError, subprocess.CalledProcessError):
            continue
        version = (int(version[0]), int(version[1]))
        if version in SUPPORTED:
            found.setdefault(version, python)
    return found


def fresh_venv(path, python):
    shutil.rmtree(path, ignore_errors=True)
    run([python, "-m", "venv", path])
    return os.path.join(path, "bin", "python")


def requirements(version):
    """hpy, pytest and numpy (picoarray's tests compare with it) for this version."""
    numpy = "numpy==2.2.6" if version >= (3, 10) else "numpy==1.24.4"
    return ["hpy==0.9.0", "pytest", numpy]


def run_tests(python, example, mode, cwd=None):
    env = dict(
        os.environ,
        HPY=mode,
        HPY_LOG="1",
        PYTHONPATH=os.path.join(ROOT, "tests", "python"),
        PYTHONDONTWRITEBYTECODE="1",
        RUST_BACKTRACE="0",
    )
    command = [python, "-m", "pytest", "-p", "hpy_rs_pytest", "-p", "no:cacheprovider", "-q", "-s", "tests"]
    result = subprocess.run(
        command,
        cwd=cwd or os.path.join(ROOT, "examples", example),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    module = EXAMPLES[example]
    loaded = {
        "universal": f"Loading '{module}' in HPy universal mode\n",
        "debug": f"Loading '{module}' in HPy universal mode with a debug context\n",
    }[mode]
    assert result.returncode == 0, f"{example} failed in {mode} mode on {python}:\n{result.stdout}"
    assert loaded in result.stdout, f"{example} was not loaded in {mode} mode on {python}:\n{result.stdout}"
    summary = result.stdout.strip().splitlines()[-1]
    print(f"ok: {example}, {mode} mode: {summary}")


def check_matrix(wheels):
    found = interpreters()
    print("CPython versions found:", ", ".join(f"{v[0]}.{v[1]}" for v in sorted(found)))
    assert found, "no CPython 3.8-3.12 found"
    for version, base in sorted(found.items()):
        name = f"{version[0]}.{version[1]}"
        python = fresh_venv(os.path.join(WORK, f"venv-{name}"), base)
        run([python, "-m", "pip", "install", "-q", *requirements(version), *wheels.values()])
        for example in EXAMPLES:
            for mode in ("universal", "debug"):
                run_tests(python, example, mode)
        print(f"ok: CPython {name}: every example's tests pass from the wheels, in both modes")


def check_install_and_uninstall(base):
    python = fresh_venv(os.path.join(WORK, "venv-install"), base)
    run([python, "-m", "pip", "install", "-q", "hpy==0.9.0"])
    site = output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    before = set(os.listdir(site))
    run([python, "-m", "pip", "install", "--no-index", "--find-links", DIST, os.path.join(ROOT, "examples", "point")])
    shown = output([python, "-m", "pip", "show", "point"])
    assert "Name: point\n" in shown and "Requires: hpy\n" in shown, shown
    run([python, "-c", "import point; assert point.Point(3, 4).norm() == 5.0"], cwd=WORK)
    run([python, "-m", "pip", "uninstall", "-y", "point"])
    after = set(os.listdir(site))
    assert after == before, f"left behind by pip uninstall: {sorted(after - before)}"
    print("ok: pip install (build isolation) / pip show / pip uninstall of point")

    # A mixed package, editable: the extension is built next to its Python sources. The tests
    # run from a copy of the tests directory, so that `mixed` comes from the installation.
    run([python, "-m", "pip", "install", "-q", "pytest"])
    before = set(os.listdir(site))
    run([python, "-m", "pip", "install", "--no-index", "--find-links", DIST, "-e", os.path.join(ROOT, "examples", "mixed")])
    tests = tempfile.mkdtemp(prefix="hpy-rs-mixed-")
    try:
        shutil.copytree(os.path.join(ROOT, "examples", "mixed", "tests"), os.path.join(tests, "tests"))
        for mode in ("universal", "debug"):
            run_tests(python, "mixed", mode, cwd=tests)
    finally:
        shutil.rmtree(tests, ignore_errors=True)
    built = os.path.join(ROOT, "examples", "mixed", "python", "mixed", "_native.hpy0.so")
    assert os.path.isfile(built), "the editable install did not build next to the sources"
    run([python, "-m", "pip", "uninstall", "-y", "mixed"])
    assert set(os.listdir(site)) == before, "pip uninstall of the editable mixed left files behind"
    print("ok: pip install -e of the mixed package (extension next to its Python sources)")


def check_sdist(base):
    tool = fresh_venv(os.path.join(WORK, "venv-tool"), base)
    run([tool, "-m", "pip", "install", "-q", "--no-index", "--find-links", DIST, "cargo-hpy"])
    program = os.path.join(os.path.dirname(tool), "cargo-hpy")
    sdists = os.path.join(WORK, "sdist")
    shutil.rmtree(sdists, ignore_errors=True)
    written = output([program, "hpy", "sdist", "--out", sdists, os.path.join(ROOT, "examples", "hello")]).strip()
    assert os.path.basename(written) == "hello-0.1.0.tar.gz", written
    outside = tempfile.mkdtemp(prefix="hpy-rs-sdist-")
    try:
        sdist = shutil.copy(written, outside)
        wheels = os.path.join(outside, "wheels")
        run([base, "-m", "pip", "wheel", "--no-deps", "--no-index", "--find-links", DIST, "-w", wheels, sdist], cwd=outside)
        built = glob.glob(os.path.join(wheels, "hello-*.whl"))
        assert len(built) == 1, built
        python = fresh_venv(os.path.join(WORK, "venv-sdist"), base)
        run([python, "-m", "pip", "install", "-q", "hpy==0.9.0", "pytest", built[0]])
        for mode in ("universal", "debug"):
            run_tests(python, "hello", mode)
    finally:
        shutil.rmtree(outside, ignore_errors=True)
    print("ok: the sdist of hello builds outside the repository into a working wheel")

    # A mixed package's sdist carries its Python sources, not what an editable install built
    # next to them (check_install_and_uninstall left examples/mixed/python/mixed/_native.*).
    written = output([program, "hpy", "sdist", "--out", sdists, os.path.join(ROOT, "examples", "mixed")]).strip()
    with tarfile.open(written) as sdist:
        names = sdist.getnames()
    package = "mixed-0.1.0/examples/mixed/python/mixed/"
    assert package + "__init__.py" in names and package + "report.py" in names, names
    assert not [n for n in names if "/_native." in n], names
    print("ok: the sdist of mixed carries its Python sources and no build output")


def check_new_project(base):
    program = os.path.join(WORK, "venv-tool", "bin", "cargo-hpy")
    outside = tempfile.mkdtemp(prefix="hpy-rs-new-")
    try:
        project = os.path.join(outside, "myext")
        run([program, "hpy", "new", project])
        python = fresh_venv(os.path.join(WORK, "venv-new"), base)
        run([python, "-m", "pip", "install", "-q", "hpy==0.9.0", "pytest"])
        run([python, "-m", "pip", "install", "--no-index", "--find-links", DIST, project])
        result = subprocess.run(
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert result.returncode == 0, result.stdout
        assert "2 passed" in result.stdout, result.stdout
    finally:
        shutil.rmtree(outside, ignore_errors=True)
    print("ok: cargo hpy new -> pip install -> its tests pass in both modes")


def check_313(wheels):
    base = python_313()
    if base is None:
        print("skipped: no CPython 3.13 on this machine")
        return
    python = fresh_venv(os.path.join(WORK, "venv-3.13"), base)
    # hpy 0.9.0 has no wheel for 3.13: pip compiles it.
    run([python, "-m", "pip", "install", "-q", "hpy==0.9.0"])
    refused = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", wheels["point"]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert refused.returncode != 0 and "is not a supported wheel" in refused.stdout, refused.stdout
    by_hand = tempfile.mkdtemp(prefix="hpy-rs-313-")
    try:
        import zipfile

        with zipfile.ZipFile(wheels["point"]) as wheel:
            wheel.extractall(by_hand)
        for mode in ("universal", "debug"):
            result = subprocess.run(
                [python, "-c", "import point"],
                env=dict(os.environ, PYTHONPATH=by_hand, HPY=mode),
                cwd=by_hand,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            expected = "ImportError: hpy-rs modules do not run on CPython 3.13: HPy 0.9 supports CPython 3.8 to 3.12"
            assert result.returncode == 1 and expected in result.stdout, result.stdout
    finally:
        shutil.rmtree(by_hand, ignore_errors=True)
    print("ok: CPython 3.13: pip refuses the wheels, and a module refuses to load with an ImportError")


def check_cpython_abi_wheel(base):
    out = os.path.join(WORK, "dist-cpython")
    shutil.rmtree(out, ignore_errors=True)
    cargo_hpy = ["cargo", "run", "--quiet", "--locked", "--manifest-path", os.path.join(ROOT, "Cargo.toml"),
                 "-p", "cargo-hpy", "--"]
    wheel = output(cargo_hpy + ["wheel", os.path.join(ROOT, "examples", "hello"), "--out", out,
                                "--abi", "cpython", "--python", base]).strip().splitlines()[-1]
    tag = output([base, "-c", "import sys; print('cp%d%d' % sys.version_info[:2])"]).strip()
    name = os.path.basename(wheel)
    match = re.fullmatch(rf"hello-[^-]+-{tag}-{tag}-(manylinux_2_\d+_\w+)\.whl", name)
    assert match, f"{name}: not tagged {tag}-{tag}-manylinux_*"
    shown = output([base, "-m", "auditwheel", "show", wheel])
    # auditwheel wraps its text at a width, wherever the wheel's name puts the breaks.
    expected = f'is consistent with the following platform tag: "{match.group(1)}"'
    assert expected in " ".join(shown.split()), f"auditwheel disagrees with {name}:\n{shown}"
    python = fresh_venv(os.path.join(WORK, "venv-cpython-abi"), base)
    run([python, "-m", "pip", "install", "-q", "--no-index", wheel])
    code = ("import sys, sysconfig; sys.modules['hpy'] = None; import hello; assert hello.add(1, b=2) == 3; "
            "assert hello.__file__.endswith(sysconfig.get_config_var('EXT_SUFFIX')), hello.__file__")
    run([python, "-c", code], cwd=WORK)
    print(f"ok: {name} ({match.group(1)}, auditwheel agrees), imports without hpy")

    # Loaded by any other CPython, the module is refused with an ImportError, never run: by the
    # dynamic linker (a symbol that version lacks) or by `PyInit_hello` itself, before any of
    # its code (whose reference counting is the built version's) runs.
    ext = output([python, "-c", "import sys; sys.modules['hpy'] = None; import hello; print(hello.__file__)"],
                 cwd=WORK).strip()
    built = tuple(int(n) for n in output([base, "-c", "import sys; print(*sys.version_info[:2])"]).split())
    load = ("import importlib.machinery as m, importlib.util as u, sys\n"
            "sys.modules['hpy'] = None\n"
            "loader = m.ExtensionFileLoader('hello', sys.argv[1])\n"
            "try:\n"
            "    u.module_from_spec(u.spec_from_file_location('hello', sys.argv[1], loader=loader))\n"
            "except ImportError as e:\n"
            "    print('refused:', e)\n"
            "else:\n"
            "    print('loaded')\n")
    refused_by_module = []
    for version, other in sorted(interpreters().items()):
        if version == built:
            continue
        result = subprocess.run([other, "-c", load, ext], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        said = result.stdout.strip()
        assert result.returncode == 0 and said.startswith("refused: "), f"{version}: {result.returncode} {said}"
        ours = (f"this module was built for the CPython ABI of CPython {built[0]}.{built[1]}, not for "
                f"CPython {version[0]}.{version[1]}: build it for this interpreter, or for HPy's universal ABI")
        assert said.endswith(ours) or "undefined symbol" in said, f"{version}: {said}"
        if said.endswith(ours):
            refused_by_module.append(version)
        print(f"ok: the CPython {built[0]}.{built[1]} build refused on {version[0]}.{version[1]}: {said}")
    if any(version > built for version in interpreters()):
        assert refused_by_module, "no newer CPython reached the module's own version check"


def main():
    python = sys.executable
    wheels = build_wheels(python)
    check_tags(python, wheels)
    check_matrix(wheels)
    check_install_and_uninstall(python)
    check_sdist(python)
    check_new_project(python)
    check_313(wheels)
    check_cpython_abi_wheel(python)
    print("All wheel checks passed.")


if __name__ == "__main__":
    main()
