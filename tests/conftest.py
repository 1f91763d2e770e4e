"""Settings shared by every test; area fixtures live in each tests/<area>/conftest.py."""

import os
import pathlib
from collections.abc import Iterator

# jsii prints an end-of-life banner for Node 20 on every CDK import; silence it at the source.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def process_stats() -> Iterator[tuple[int, list[str]]]:
    """Every live process (Linux /proc): its pid and the fields of its stat after the command name
    (state, ppid, pgrp, session, ...)."""
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            yield int(stat.parent.name), stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
