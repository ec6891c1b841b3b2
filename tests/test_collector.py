"""The cycle collector during a production build (newsroom.common.collector)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from newsroom.common import collector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test session collects as usual


def test_settle_freezes_what_lives_and_collects_what_is_garbage_first():
    kept = _Node()
    dropped = _Node()
    gone = weakref.ref(dropped)
    del dropped
    frozen = collector.settle()
    assert gone() is None  # collected before the freeze, not kept forever
    assert frozen == gc.get_freeze_count() > 0
    assert all(kept is not obj for obj in gc.get_objects())  # out of every generation
    assert kept.me is kept


def test_garbage_made_after_settling_is_still_collected():
    collector.settle()
    later = _Node()
    gone = weakref.ref(later)
    del later
    gc.collect()
    assert gone() is None


def test_tune_collects_the_young_generation_less_often_and_keeps_the_others():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        collector.tune()
        assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 10, 10)
        gc.set_threshold(50_000, 5, 5)  # a higher threshold set elsewhere is kept
        collector.tune()
        assert gc.get_threshold() == (50_000, 5, 5)
    finally:
        gc.set_threshold(*before)
