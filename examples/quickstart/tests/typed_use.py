"""Typed use of `quickstart`, which `mypy --strict` checks against the generated
`quickstart.pyi` (the harness's `quickstart::stubs` test)."""

import quickstart

message: str = quickstart.greet("Ada") + quickstart.greet("Bob", greeting="Hi")
half: float = quickstart.divide(1.0, 2.0)

quickstart.divide("1", 2)  # type: ignore[arg-type]
