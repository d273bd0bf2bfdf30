"""Typed use of `picoarray`, which `mypy --strict` checks against the generated
`picoarray.pyi` (the harness's `picoarray::stubs` test)."""

import picoarray
from picoarray import array

a = array([1.0, 2.0, 3])
b = picoarray.zeros(3) + picoarray.ones(3) * 2.0 - 1.0 / a
b += a
b -= 1.0
b *= -a
b /= 2.0
size: int = a.size + len(a)
items: list[float] = a.tolist()
total: float = a.sum() + a.dot(b) + picoarray.pi
a.append(4.0)
a.resize(2)
first: float | array = a[0]
part: float | array = a[::2]
a[0] = 1.0
a[:] = [5.0, 6.0]
same: bool = a == a.copy()
negated: array = -abs(+a)
cosine: array | float = picoarray.cos(a)
sine: array | float = picoarray.sin(0.5)
empty: array = picoarray.empty(2)

a.append("1")  # type: ignore[arg-type]
a + "1"  # type: ignore[operator]
