"""Pure-Python code of the package, using the native part."""

from ._native import count_words


def summary(texts):
    """`{text: number of words}` for each of `texts`, and the total."""
    counts = {text: count_words(text) for text in texts}
    return counts, sum(counts.values())
