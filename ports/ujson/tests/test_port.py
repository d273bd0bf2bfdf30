"""The port's own tests, run by the repository's harness (tests/tests/modules.rs) in HPy
universal and debug mode: what ujson's suite (run_suite.py) does not ask of a C extension
but a port in Rust must get right — the same public names, and encoding and decoding that
re-enter the module from Python callbacks, in one thread or several.
"""

import os
import sysconfig
import threading
import time

import pytest
import ujson

# HPy 0.9's debug contexts are not thread-safe: a thread that makes 16 calls into HPy
# extensions while another one is inside a call (here: in a Python callback that let the GIL
# switch) invalidates that call's context, whose next use aborts. tests/modules/threads says
# how; universal mode has no such state.
DEBUG_MODE = os.environ.get("HPY", "").strip().lower() == "debug"

DOC = {"a": [1, 2.5, "three", None, True], "b": {"c": "h\u00e9llo \U0001f600"}}
TEXT = '{"a":[1,2.5,"three",null,true],"b":{"c":"h\u00e9llo \U0001f600"}}'


def test_it_is_the_port():
    # The universal ABI's library, or one built for this CPython (`--abi cpython`).
    suffix = (
        sysconfig.get_config_var("EXT_SUFFIX")
        if os.environ.get("HPY_RS_ABI") == "cpython"
        else ".hpy0.so"
    )
    assert ujson.__file__.endswith(suffix)
    assert ujson.__version__ == "6.1.0"


def test_the_public_names_are_ujsons():
    # Those of ujson 6.1.0's type stubs (ujson-stubs/__init__.pyi in its sdist).
    public = {name for name in dir(ujson) if not name.startswith("_")}
    assert public == {"JSONDecodeError", "decode", "dump", "dumps", "encode", "load", "loads"}
    assert issubclass(ujson.JSONDecodeError, ValueError)


def test_default_reenters_the_encoder_and_the_decoder():
    class Point:
        pass

    def default(obj):
        return {"encoded": ujson.dumps(DOC, ensure_ascii=False), "decoded": ujson.loads(TEXT)}

    out = ujson.loads(ujson.dumps([Point(), Point()], default=default))
    assert out == [{"encoded": TEXT, "decoded": DOC}] * 2


def test_todict_reenters_the_encoder():
    class Obj:
        def toDict(self):
            return {"inner": ujson.dumps({"x": [1, 2]})}

    assert ujson.dumps(Obj()) == '{"inner":"{\\"x\\":[1,2]}"}'


def test_file_methods_reenter_the_module():
    class Reader:
        def read(self):
            return ujson.dumps({"nested": ujson.loads("[1,2]")})

    class Writer:
        def __init__(self):
            self.parts = []

        def write(self, text):
            self.parts.append(ujson.loads(text))

    assert ujson.load(Reader()) == {"nested": [1, 2]}
    writer = Writer()
    ujson.dump(DOC, writer)
    assert writer.parts == [DOC]


@pytest.mark.skipif(DEBUG_MODE, reason="HPy 0.9's debug contexts are not thread-safe (see top)")
def test_threads_switching_inside_calls():
    # `default=` sleeps, so the GIL passes to another thread in the middle of each encoding.
    def default(obj):
        time.sleep(0)
        return obj.value

    class Box:
        def __init__(self, value):
            self.value = value

    errors = []

    def work(i):
        try:
            for j in range(200):
                doc = {"thread": i, "round": j, "boxes": [Box(i), Box(j), Box(str(i * j))]}
                text = ujson.dumps(doc, default=default)
                assert ujson.loads(text) == {"thread": i, "round": j, "boxes": [i, j, str(i * j)]}
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_decimal_by_isinstance_as_c_ujson_tests_it():
    """C ujson encodes what `isinstance(obj, decimal.Decimal)` accepts through its `float()`,
    a proxy whose `__class__` claims to be one included."""
    import decimal

    class Proxy:
        __class__ = decimal.Decimal

        def __float__(self):
            return 1.5

    assert ujson.dumps([Proxy(), decimal.Decimal("1.25")]) == "[1.5,1.25]"
