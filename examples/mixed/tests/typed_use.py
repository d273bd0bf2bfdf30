"""Typed use of the `mixed` package, which `mypy --strict` checks against the generated
`mixed/_native.pyi` and the package's own annotations (it ships `py.typed`)."""

import mixed
from mixed import _native

words: int = mixed.count_words("one two three") + _native.count_words("four")
counts, total = mixed.summary(["a b", "c"])
per_text: dict[str, int] = counts
overall: int = total

_native.count_words(3)  # type: ignore[arg-type]
