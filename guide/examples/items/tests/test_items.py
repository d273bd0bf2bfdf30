"""What functions.md says of a module's items, checked from Python in HPy universal and debug
mode by the repository's harness."""

import items


def test_module_items():
    assert items.__doc__ == "The module's __doc__."
    assert items.__version__ == "1.0"
    assert items.MAX_SIZE == 1024
    assert not hasattr(items, "LIMIT")
    assert items.answer == 42
