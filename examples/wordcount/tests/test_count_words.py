"""`wordcount.count_words`: counting on Rust threads with the interpreter released. Run in
universal and debug mode (under LeakDetector)."""

import math
import random
import re
import threading
import time

import pytest

from wordcount import WordBag, count_words

ALPHABET = "ab cd_ÉéΣς,. 12\n\tß-İ"


def reference(texts):
    """The counts, sequentially in Python: lowercased `str.isalnum()` runs, in first-seen order."""
    counts = {}
    for text in texts:
        for word in re.findall(r"[^\W_]+", text):
            word = word.lower()
            counts[word] = counts.get(word, 0) + 1
    return counts


def random_texts(rng, count, length):
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(length))) for _ in range(count)]


@pytest.mark.parametrize("threads", [1, 2, 3, 8, 100])
def test_equals_the_sequential_reference(threads):
    rng = random.Random(threads)
    for _ in range(5):
        texts = random_texts(rng, rng.randrange(12), 3000)
        bag = count_words(texts, threads=threads)
        assert type(bag) is WordBag
        assert list(bag.items()) == list(reference(texts).items())


@pytest.mark.parametrize("threads", [1, 2, 4, 7])
def test_one_big_text_is_split_between_threads_without_cutting_words(threads):
    rng = random.Random(7)
    text = "".join(rng.choice(ALPHABET) for _ in range(300_000))
    assert list(count_words([text], threads=threads).items()) == list(reference([text]).items())
    long_word = "é" * 200_000 + " x " + "Z" * 100_001
    assert list(count_words([long_word], threads=threads).items()) == [
        ("é" * 200_000, 1), ("x", 1), ("z" * 100_001, 1),
    ]


def test_default_threads_and_empty_input():
    assert count_words([]) == WordBag()
    assert count_words(["", " ", "_"]) == WordBag()
    assert count_words(("A a", "b")) == WordBag(["a", "a", "b"])
    assert count_words(t for t in ["x", "X"])["x"] == 2


def test_threads_must_be_positive():
    for bad in (0, -1, -(2**40)):
        with pytest.raises(ValueError, match=rf"^threads must be at least 1, not {bad}$"):
            count_words(["a"], threads=bad)
    assert count_words(["a"], threads=2**62) == WordBag(["a"])
    with pytest.raises(TypeError):
        count_words(["a"], threads=1.5)
    with pytest.raises(OverflowError):
        count_words(["a"], threads=2**80)


def test_threads_is_keyword_only():
    with pytest.raises(TypeError, match="positional argument"):
        count_words(["a"], 2)


def test_texts_must_be_str():
    with pytest.raises(TypeError, match=r"^count_words\(\) argument 'texts' item 1 must be str, not int$"):
        count_words(["ok", 5])
    with pytest.raises(TypeError, match="not bytes"):
        count_words([b"bytes"])
    with pytest.raises(TypeError, match="must be iterable other than str, not str"):
        count_words("a text")
    with pytest.raises(TypeError, match=r"^count_words\(\) missing 1 required positional argument: 'texts'$"):
        count_words()


def test_another_python_thread_runs_while_counting():
    """A pure-Python thread keeps running while count_words counts with the interpreter
    released. It stamps the time once per millisecond it runs; the stamps inside the calls
    must cover a good part of them. Were the GIL held while counting, the ticker could run
    only in the bytecodes around each call: a switch interval (5 ms) or two per call."""
    base = "lorem ipsum dolor sit amet " * 40_000  # ~1 MB
    start = time.perf_counter()
    count_words([base], threads=1)
    repeat = max(1, math.ceil(0.2 / (time.perf_counter() - start)))
    texts = [base * repeat]  # a call of ~200 ms, whatever the build's speed

    stamps = []
    stop = threading.Event()

    def ticker():
        last = 0.0
        while not stop.is_set():
            now = time.perf_counter()
            if now - last >= 0.001:
                stamps.append(now)
                last = now

    thread = threading.Thread(target=ticker)
    thread.start()
    windows = []
    try:
        time.sleep(0.01)
        for _ in range(3):
            before = time.perf_counter()
            bag = count_words(texts, threads=1)
            windows.append((before, time.perf_counter()))
    finally:
        stop.set()
        thread.join()
    assert bag["lorem"] == 40_000 * repeat and len(bag) == 5
    called_ms = sum(end - begin for begin, end in windows) * 1000
    ran_ms = sum(1 for s in stamps for begin, end in windows if begin < s < end)
    assert ran_ms > 0.3 * called_ms, f"the other thread ran {ran_ms} of {called_ms:.0f} ms"
