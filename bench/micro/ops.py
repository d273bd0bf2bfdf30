"""The operations of the micro-benchmarks and the variants they run on.

Each operation is one Python statement run in a `for _ in range(n)` loop, in a namespace
made from one variant's module (see OPERATIONS.md for what the modules implement). The
"keep" operations instead build a list of `n` new objects, with the cyclic GC on or off.
"""

import gc
import importlib
import importlib.machinery
import importlib.util
import os
import sysconfig

# (column label, module name). The C-API's METH_VARARGS build is a reference column.
VARIANTS = [
    ("hpy-rs", "micro_hpyrs"),
    ("hpy-rs debug", "micro_hpyrs"),
    ("hpy-rs CPython ABI", "micro_hpyrs"),
    ("C HPy", "micro_hpy"),
    ("C-API", "micro_capi"),
    ("C-API varargs", "micro_capi_varargs"),
    ("PyO3", "micro_pyo3"),
]

# (key, what it measures, statement)
OPERATIONS = [
    ("loop", "the empty loop (included in every row)", "pass"),
    ("noargs", "f()", "noargs()"),
    ("onearg_none", "f(None)", "onearg(None)"),
    ("onearg_int", "f(1)", "onearg(1)"),
    ("varargs", "f(1, 2, 3) with *args", "varargs(1, 2, 3)"),
    ("call_tuple", "f(*t), t a 3-tuple", "varargs(*t)"),
    ("call_tuple_dict", "f(*t, **d), 2 keywords", "varkw(*t, **d)"),
    ("new_int", "return a new int", "new_int()"),
    ("new_tuple", "return a new 2-tuple", "new_tuple()"),
    ("keywords", "f(1, 2, c=3, d=4)", "kw4(1, 2, c=3, d=4)"),
    ("create", "Obj() and drop it", "Obj()"),
    ("keep_gc_on", "Obj() kept in a list, gc on", None),
    ("keep_gc_off", "Obj() kept in a list, gc off", None),
    ("method_lookup", "o.noargs (no call)", "o.noargs"),
    ("method_noargs", "o.noargs()", "o.noargs()"),
    ("method_onearg_none", "o.onearg(None)", "o.onearg(None)"),
    ("method_onearg_int", "o.onearg(1)", "o.onearg(1)"),
    ("method_varargs", "o.varargs(1, 2, 3)", "o.varargs(1, 2, 3)"),
    ("method_getv", "o.getv(), reads the object", "o.getv()"),
    ("len", "len(o)", "len(o)"),
    ("getitem", "o[0]", "o[0]"),
    ("property", "o.v", "o.v"),
    ("add", "a + b", "a + b"),
]


def load(label, name, build_dir):
    """The module of a variant. The debug column loads a copy of the hpy-rs library (a
    different file, so its statics are its own) in HPy debug mode."""
    if label.endswith(" debug"):
        from hpy.universal import load as hpy_load

        path = os.path.join(build_dir, "debug", f"{name}.hpy0.so")
        spec = importlib.util.spec_from_file_location(name, path)
        return hpy_load(name, path, spec, debug=True)
    if label.endswith(" CPython ABI"):
        # The same crate built with `--abi cpython`: a CPython extension of the same name in a
        # folder of its own, loaded by CPython's loader (another file, other statics).
        path = os.path.join(build_dir, "cpython", name + sysconfig.get_config_var("EXT_SUFFIX"))
        loader = importlib.machinery.ExtensionFileLoader(name, path)
        spec = importlib.util.spec_from_file_location(name, path, loader=loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module
    return importlib.import_module(name)


def namespace(module):
    """The names the statements use, bound to one variant's objects."""
    ns = {name: getattr(module, name) for name in
          ("noargs", "onearg", "varargs", "varkw", "new_int", "new_tuple", "kw4", "Obj")}
    ns.update(o=module.Obj(), a=module.Obj(), b=module.Obj(), t=(1, 2, 3), d={"x": 1, "y": 2})
    return ns


def runner(key, stmt, module):
    """A function `run(n)` performing the operation `n` times."""
    if key.startswith("keep_"):
        cls, gc_on = module.Obj, key == "keep_gc_on"

        def keep(n):
            was = gc.isenabled()
            (gc.enable if gc_on else gc.disable)()
            try:
                kept = [cls() for _ in range(n)]
            finally:
                (gc.enable if was else gc.disable)()
            return kept

        return keep
    ns = namespace(module)
    exec(f"def run(n):\n    for _ in range(n):\n        {stmt}\n", ns)
    return ns["run"]


def check(module):
    """Fails loudly if a variant does not behave as OPERATIONS.md says (a benchmark of a
    wrong implementation would be meaningless)."""
    m = module
    o, a, b = m.Obj(), m.Obj(), m.Obj()
    results = {
        "noargs": m.noargs() is None,
        "onearg": m.onearg(None) is None and m.onearg(1) is None,
        "varargs": m.varargs(1, 2, 3) is None and m.varargs(*(1, 2, 3)) is None,
        "varkw": m.varkw(1, x=2) is None,
        "new_int": m.new_int() == 1 << 40,
        "new_tuple": m.new_tuple() == (1, 2),
        "kw4": m.kw4(1, 2, c=3, d=4) == 10 and m.kw4(d=1, c=2, b=3, a=4) == 10,
        "methods": o.noargs() is None and o.onearg(1) is None and o.varargs(1, 2) is None,
        "getv": o.getv() == 1 and (a + b).getv() == 2,
        "len": len(o) == 1,
        "getitem": o[0] == 0 and o[5] == 5,
        "property": o.v == 1,
        "add": (a + b).v == 2,
    }
    for what, call in (("kw4 missing", lambda: m.kw4(1, 2, 3)),
                       ("kw4 str", lambda: m.kw4(1, 2, 3, "4")),
                       ("Obj(1)", lambda: m.Obj(1)),
                       ("Obj() + 1", lambda: m.Obj() + 1)):
        try:
            call()
            results[what] = False
        except TypeError:
            results[what] = True
    wrong = [what for what, ok in results.items() if not ok]
    if wrong:
        raise SystemExit(f"{module.__name__} does not implement OPERATIONS.md: {wrong}")
