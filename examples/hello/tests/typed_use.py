"""Typed use of `hello`, which `mypy --strict` checks against the generated `hello.pyi`
(the harness's `hello::stubs` test); a `type: ignore` that stops being needed fails too."""

import hello

total: int = hello.add(1, b=2) + hello.add(3)
greeting: str = hello.greet("Ada", greeting="Hi")
ratio: float = hello.divide(1, 2.5)
summed: int = hello.sum_list(range(10))
joined: str = hello.join("a", "b", sep="-")
keys: list[str] = hello.kwargs_keys(x=1, y="two")
same: object = hello.echo([1, 2])
hello.boom()

hello.add("1")  # type: ignore[arg-type]
hello.greet("Ada", "Hi")  # type: ignore[call-arg]
hello.sum_list(1)  # type: ignore[arg-type]
