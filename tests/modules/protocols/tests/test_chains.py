"""What is left of HPy 0.9's deallocation depth when Python code takes the finalizer away.

A type holding fields frees chains iteratively through its finalizer (`tp_finalize`, shown
as `__del__`; `point/test_deep_chains.py`). Deleting `__del__` from the class resets
`tp_finalize`, and HPy's own deallocator recurses once per object again. Measured with the
default 8 MiB stack of the main thread, in universal and debug mode alike (docs/safety.md):
an optimised build of the extension (what `cargo hpy build` makes) is freed up to about
130 800 objects (64 bytes per level: `hpytype_dealloc` and `_decref_visitor`, HPy's; hpy-rs's
traversal is a tail call), an unoptimised one up to about 7 250 (its traversal keeps a frame
of about 1 KiB per level). This pins those limits at round depths below them.
"""

import gc
import weakref

import protocols

SAFE_DEPTH = 5_000 if protocols.built_with_debug_assertions() else 100_000


class Referent:
    pass


def test_without_its_finalizer_a_chain_is_freed_up_to_the_measured_depth():
    cls = protocols.Chain
    assert "__del__" in vars(cls)
    del cls.__del__  # Python code can take the finalizer away
    tail = Referent()
    alive = weakref.ref(tail)
    head = cls(tail)
    for i in range(SAFE_DEPTH - 1):
        head = cls(i, head)
    del tail, head  # recursion through HPy's deallocator, SAFE_DEPTH levels
    gc.collect()
    assert alive() is None
