"""`wordcount.tokenize`: words are the maximal runs of `str.isalnum()` characters, lowercased
like `str.lower()`. Run in universal and debug mode (under LeakDetector)."""

import random
import re
import sys

import pytest

from wordcount import tokenize


def reference(text, lower=True):
    """The same rule in Python: `[^\\W_]` is exactly `str.isalnum()`."""
    words = re.findall(r"[^\W_]+", text)
    assert all(w.isalnum() for w in words)
    return [w.lower() for w in words] if lower else words


def test_separators_and_lowercasing():
    assert tokenize("Hello, World! It's 2024_v2 -- ok?") == [
        "hello", "world", "it", "s", "2024", "v2", "ok",
    ]
    assert tokenize("Hello, World!", lower=False) == ["Hello", "World"]
    assert tokenize("") == [] and tokenize(" \t\n_-.,") == []
    assert tokenize("ΟΔΟΣ Straße İstanbul ǅemal") == ["οδος", "straße", "i̇stanbul", "ǆemal"]
    assert tokenize("ΣΑΣ") == ["σας"]  # final sigma, as str.lower()


def test_unicode_letters_digits_and_marks():
    text = "naïve café 東京 ٣٤ ½ Ⅻ x²y e\u0301 ǅ ʰ"
    assert tokenize(text) == reference(text)
    assert tokenize(text, lower=False) == reference(text, lower=False)


def test_every_code_point_agrees_with_isalnum():
    # Every non-surrogate code point, each alone between spaces: a word exactly where
    # str.isalnum() is true, in this interpreter's Unicode version.
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    text = " ".join(chars)
    expected = [c for c in chars if c.isalnum()]
    assert tokenize(text, lower=False) == expected
    assert tokenize(text) == [c.lower() for c in expected]
    # And runs: the whole range at once.
    joined = "".join(chars)
    assert tokenize(joined, lower=False) == reference(joined, lower=False)


def test_random_text_agrees_with_the_reference():
    rng = random.Random(17)
    alphabet = "aZ09_ -.,'éÉß΢ΣσğİıǅⅫ½²\u0301\u200d東京٣\U0001d7d8\U00010400\t\n"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert tokenize(text) == [w.lower() for w in reference(text, lower=False)], text
        assert tokenize(text, lower=False) == reference(text, lower=False), text


def test_arguments():
    with pytest.raises(TypeError, match=r"^tokenize\(\) argument 'text' must be str, not bytes$"):
        tokenize(b"bytes")
    with pytest.raises(TypeError):
        tokenize("a", False)  # lower is keyword-only
    with pytest.raises(TypeError):
        tokenize()
    class Text(str):
        pass
    assert tokenize(Text("A b")) == ["a", "b"]
