"""A scan leaves no reference cycles behind.

The commands that scan run with the cyclic collector off (`tagscan.cli.app.scan_objects_kept`):
anything a scan leaves in a cycle (its parsed trees, caches and records with it) stays in memory
until the interpreter's last collection at exit, which then walks all of it (a quarter of a second
on a large tree). Reference counting alone must free a finished scan.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tagscan import scan
from tests.conftest import FIXTURES


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds stays in gc.garbage, for the message
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_finished_scan_leaves_nothing_for_the_collector(collector_off: None, jobs: int) -> None:
    scan([FIXTURES / "go"], jobs=1)  # first imports and one-off setup out of the way
    gc.collect()
    gc.garbage.clear()
    result = scan([FIXTURES / "go"], jobs=jobs)
    assert result.models
    gc.collect()
    left = sorted({f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage if type(o).__module__.startswith("tagscan")})
    assert left == [], f"objects of a scan freed only by the cyclic collector: {left}"
