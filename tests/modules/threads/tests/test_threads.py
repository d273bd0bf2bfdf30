"""`Context::leave_python` from Python: other threads run while Rust code runs outside
Python, panics re-enter and become exceptions, and a value lent mutably across it stays
guarded. Run in universal and debug mode (under LeakDetector)."""

import os
import threading

import pytest

# HPy 0.9's debug mode gives each call the next of 16 context copies from one circular buffer
# shared by all threads, marking a copy valid on entry and invalid on return
# (hpy/debug/src/debug_ctx_cpython.c, `_switch_to_next_dctx_from_cache`): a thread that makes
# 16 calls into HPy extensions while another thread is inside one invalidates that one's
# context, and its next context call aborts ("Error: Wrong HPy Context!"). Universal mode has
# no such state.
DEBUG_MODE = os.environ.get("HPY", "").strip().lower() == "debug"

import threads


class Ticker:
    """A Python thread counting as fast as it can until stopped."""

    def __init__(self):
        self.count = 0
        self.stop = False
        self.thread = threading.Thread(target=self.run)

    def run(self):
        while not self.stop:
            self.count += 1

    def __enter__(self):
        self.thread.start()
        while self.count == 0:
            pass
        return self

    def __exit__(self, *exc):
        self.stop = True
        self.thread.join()


def test_other_python_threads_run_while_outside_python():
    with Ticker() as ticker:
        before = ticker.count
        assert threads.spin_outside(0.3) > 0
        outside = ticker.count - before
        before = ticker.count
        assert threads.spin_inside(0.3) > 0
        inside = ticker.count - before
    # Holding the interpreter, the other thread can only run in the switch interval around
    # the call; released, it runs for the whole 0.3 s.
    assert outside > 1000
    assert inside < outside / 10


def test_scoped_threads_outside_python():
    text = "a b c d e f g " * 1000
    for n in (1, 2, 3, 8):
        assert threads.count_words_outside(text, n) == 7000
    assert threads.count_words_outside("", 4) == 0


@pytest.mark.parametrize("on_thread", [False, True])
def test_a_panic_outside_python_reenters_and_raises(on_thread):
    with pytest.raises(BaseException) as info:
        threads.panic_outside("boom", on_thread)
    assert type(info.value).__name__ == "PanicException"
    assert "boom" in str(info.value)
    # The interpreter was re-entered: Python keeps working, threads included.
    with Ticker() as ticker:
        threads.spin_outside(0.05)
    assert ticker.count > 0


@pytest.mark.skipif(DEBUG_MODE, reason="HPy 0.9's debug contexts are not thread-safe (see top)")
def test_a_value_lent_mutably_outside_python_is_guarded():
    acc = threads.Accumulator()
    seen = []
    done = threading.Event()

    def reader():
        while not done.is_set():
            try:
                seen.append(acc.total)
            except RuntimeError as e:
                seen.append(str(e))

    t = threading.Thread(target=reader)
    t.start()
    total = acc.fill(0.3)
    done.set()
    t.join()
    assert acc.total == total > 0
    # While `fill` ran outside Python with `&mut self`, every read was turned away; before
    # and after, reads saw 0 and the final total, never a value being written.
    assert "Already mutably borrowed" in seen
    assert set(seen) <= {0, total, "Already mutably borrowed"}
