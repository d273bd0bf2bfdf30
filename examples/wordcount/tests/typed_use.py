"""Typed use of `wordcount`, which `mypy --strict` checks against the generated
`wordcount.pyi` (the harness's `wordcount::stubs` test)."""

import wordcount
from wordcount import WordBag

words: list[str] = wordcount.tokenize("The cat", lower=False)
bag: WordBag = wordcount.count_words(["a b", "b c"], threads=2)
bag.add("d")
bag.update(w for w in ["e", "f"])
common: list[tuple[str, int]] = bag.most_common(2) + bag.most_common()
total: int = bag.total() + len(bag) + bag["a"]
found: bool = "a" in bag
for item in bag.items():
    pair: str | tuple[str, int] = item
for word in bag:
    entry: str | tuple[str, int] = word
other = WordBag.fromkeys(["x", "y"], count=3)
equal: bool = other == WordBag(["x"]) and WordBag() != bag
text: str = repr(bag)

wordcount.tokenize(b"bytes")  # type: ignore[arg-type]
wordcount.count_words(["a"], 2)  # type: ignore[call-arg]
