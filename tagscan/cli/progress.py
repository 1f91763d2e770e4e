"""A progress bar on stderr for scans that take over a second.

Shown only on a terminal and for human output: machine formats and pipes get nothing, and
``--quiet`` turns it off. ``NO_COLOR`` keeps it plain.
"""

from __future__ import annotations

import os
import sys
import time

DELAY = 1.0  # seconds before a scan counts as long
_WIDTH = 30
_REFRESH = 0.1


class ScanProgress:
    """The ``progress`` callback of a scan: (files read, files in the scanned packages)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.colour = not os.environ.get("NO_COLOR")
        self._start = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < DELAY or (now - self._drawn_at < _REFRESH and done < total):
            return
        self._drawn_at = now
        done = min(done, total)
        filled = _WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        if self.colour:
            bar = f"\033[32m{bar[:filled]}\033[2m{bar[filled:]}\033[0m"
        sys.stderr.write(f"\rscanning [{bar}] {done}/{total} files")
        sys.stderr.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the bar before anything else is written."""
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._shown = False
