"""Fixtures shared by point's tests."""

import gc

import pytest

import point


@pytest.fixture
def destroyed_after():
    """How many Nodes an action (followed by a full collection) destroyed."""

    def count(action):
        gc.collect()
        before = point.destroyed_nodes()
        action()
        gc.collect()
        return point.destroyed_nodes() - before

    return count
