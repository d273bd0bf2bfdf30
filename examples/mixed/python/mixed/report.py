"""Pure-Python code of the package, using the native part."""

from __future__ import annotations

from collections.abc import Iterable

from ._native import count_words


def summary(texts: Iterable[str]) -> tuple[dict[str, int], int]:
    """`{text: number of words}` for each of `texts`, and the total."""
    counts = {text: count_words(text) for text in texts}
    return counts, sum(counts.values())
