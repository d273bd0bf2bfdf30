"""Typed use of `ujson`, which `mypy --strict` checks against the generated `ujson.pyi` (the
harness's `ujson::stubs` test)."""

import io
from typing import Any

import ujson

text: str = ujson.dumps({"a": [1, 2.5, None]}, ensure_ascii=False, indent=2)
same: str = ujson.encode([1, 2])
value: Any = ujson.loads(text)
decoded: Any = ujson.decode(b"[1]")
buffer = io.StringIO()
ujson.dump(value, buffer)
buffer.seek(0)
loaded: Any = ujson.load(buffer)
version: str = ujson.__version__
error: type[ValueError] = ujson.JSONDecodeError

try:
    ujson.loads("[")
except ujson.JSONDecodeError as e:
    message: str = str(e)

length: int = ujson.dumps(1)  # type: ignore[assignment]
