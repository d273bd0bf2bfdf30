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


def count_with_a_ticker(texts):
    """Runs count_words(texts) three times while a pure-Python thread stamps the time once
    per millisecond it runs; returns the calls' (start, end) windows, the stamps and the bag."""
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
    return windows, stamps, bag


def test_another_python_thread_runs_while_counting():
    """A pure-Python thread runs while count_words counts with the interpreter released. Were
    the GIL held while counting, the ticker could run only in the bytecodes around each call
    (a switch interval, 5 ms, at either end): never in the middle half of a call of 80 ms or
    more. So the test asks for stamps there, which holds however loaded the machine is."""
    base = "lorem ipsum dolor sit amet " * 40_000  # ~1 MB
    repeat = 1
    for _ in range(10):
        windows, stamps, bag = count_with_a_ticker([base * repeat])
        if all(end - begin >= 0.08 for begin, end in windows):
            break
        repeat *= 2
    else:
        pytest.fail("count_words never took 80 ms")
    assert bag["lorem"] == 40_000 * repeat and len(bag) == 5
    middle = [
        s for s in stamps for begin, end in windows
        if begin + (end - begin) / 4 < s < end - (end - begin) / 4
    ]
    called_ms = sum(end - begin for begin, end in windows) * 1000
    assert len(middle) >= 3, f"the other thread ran {len(middle)} ms in the middle of {called_ms:.0f} ms of calls"
