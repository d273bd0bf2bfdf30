"""The libraries the benchmark compares, loaded into one process: the port (built for HPy's
universal ABI, and for the CPython ABI), C ujson 6.1.0 (all three named `ujson`), orjson and
the standard json module; and the call each makes for a case.

C ujson is loaded from its file under its own name, without entering `sys.modules`, before
the port is imported as `ujson` (its loader stub, from `cargo hpy build`); the port's
CPython-ABI build (`cargo hpy build --abi cpython`, in the build folder's `cpython/`) is
loaded from its file the same way. The three are then checked to be different modules. C
ujson and orjson live in a folder of their own (run.sh installs them there with pip
--target) that is not on the path when the port is imported.
"""

import functools
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig

LABELS = ("port", "port cpy", "C ujson", "orjson", "json")
BASELINE = "C ujson"
# The port in both builds: each is checked against C ujson.
PORTS = ("port", "port cpy")


def load_extension(path):
    """The extension module `ujson` in the file `path`, without entering `sys.modules`."""
    loader = importlib.machinery.ExtensionFileLoader("ujson", path)
    spec = importlib.util.spec_from_file_location("ujson", path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    # (CPython enters a single-phase module, such as C ujson, in `sys.modules` itself.)
    sys.modules.pop("ujson", None)
    return module


def load_c_ujson(site_dir):
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = os.path.join(site_dir, "ujson" + suffix)
        if os.path.exists(path):
            break
    else:
        raise SystemExit(f"no C ujson extension in {site_dir}")
    return load_extension(path)


def load(build_dir, site_dir):
    """{label: module}; `build_dir` holds the built port (its CPython-ABI build in `cpython/`),
    `site_dir` C ujson and orjson."""
    c_ujson = load_c_ujson(site_dir)
    cpy = os.path.join(build_dir, "cpython", "ujson" + sysconfig.get_config_var("EXT_SUFFIX"))
    if not os.path.exists(cpy):
        raise SystemExit(f"no CPython-ABI build of the port at {cpy}")
    port_cpy = load_extension(cpy)
    sys.path.insert(0, build_dir)
    import ujson as port

    sys.path.append(site_dir)
    import orjson

    if port is c_ujson or os.path.dirname(os.path.abspath(port.__file__)) != os.path.abspath(build_dir):
        raise SystemExit(f"`import ujson` gave {port.__file__}, not the port built in {build_dir}")
    if c_ujson.__file__ == port.__file__ or not port.__file__.endswith(".hpy0.so"):
        raise SystemExit(f"the port ({port.__file__}) and C ujson ({c_ujson.__file__}) are not "
                         "an HPy module and another")
    if len({c_ujson.__file__, port.__file__, port_cpy.__file__}) != 3:
        raise SystemExit("the port's two builds and C ujson are not three modules")
    return {"port": port, "port cpy": port_cpy, "C ujson": c_ujson, "orjson": orjson, "json": json}


def call(label, module, case):
    """The call `label` makes for `case`, as a function of no arguments (tests/benchmark.py's
    calls: ujson with ensure_ascii=False; orjson sorts with its option, as it has no
    sort_keys)."""
    if case.op == "decode":
        return functools.partial(module.loads, case.text)
    sort = case.op == "encode sorted"
    if label in (*PORTS, BASELINE):
        return functools.partial(module.dumps, case.obj, ensure_ascii=False, sort_keys=sort)
    if label == "orjson":
        options = module.OPT_SORT_KEYS if sort else 0
        return functools.partial(module.dumps, case.obj, option=options)
    return functools.partial(module.dumps, case.obj, sort_keys=sort)


def statuses(calls):
    """{label: None if its call can be measured, else why not}. A library whose call raises
    cannot do the case: "n/a: <the exception>" (orjson refuses objects nested deeper than 255
    levels, as in tests/benchmark.py, which skips such calls). The port's call must give
    what C ujson's gives: it is "n/a: not written yet" where it raises NotImplementedError,
    and "wrong: ..." where it raises anything else or gives another result."""
    results = {}
    for label, fn in calls.items():
        try:
            results[label] = fn()
        except Exception as e:  # noqa: BLE001 - a library that cannot do the case is shown as such
            results[label] = e
    status = {label: f"n/a: {type(r).__name__}: {r}" if isinstance(r, Exception) else None
              for label, r in results.items()}
    expected = results[BASELINE]
    for port in PORTS:
        got = results[port]
        if isinstance(got, NotImplementedError):
            status[port] = "n/a: not written yet (NotImplementedError)"
        elif isinstance(got, Exception):
            status[port] = f"wrong: raised {type(got).__name__}: {got}"
        elif got != expected or type(got) is not type(expected):
            status[port] = f"wrong: gave {str(got)[:60]!r}…, C ujson {str(expected)[:60]!r}…"
    return status
