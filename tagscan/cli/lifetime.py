"""Whether this process is the `tagscan` command, which exits once its command is done, and what it
keeps until then.

Tests run commands in-process, several in one interpreter; only the `tagscan` command itself may
end what outlives a command (synth stops the CDK's Node process once the cloud assembly is written).
A command that scans hands what it built to `keep`: its result, and (through `scan(keep=...)`) the
scan's working set of parsed files and caches, which the scanner would otherwise free as it returns.
The `tagscan` command then ends with `os._exit` once its output is flushed, as mypy does: freeing a
large scan's millions of objects would only take time (docs/performance.md). Commands that keep
nothing (synth, whose CDK kernel has exit handlers) exit normally.
"""

from __future__ import annotations

_ends_after_command = False
_kept: list[object] = []


def end_after_command() -> None:
    """Say that the process exits once its command is done (`tagscan/__main__.py` does)."""
    global _ends_after_command
    _ends_after_command = True


def ends_after_command() -> bool:
    return _ends_after_command


def keep(*objects: object) -> None:
    """Keep what the command built until the process ends, if it ends after the command."""
    if _ends_after_command:
        _kept.extend(objects)


def kept_anything() -> bool:
    """Whether the process may end without freeing anything (`os._exit`): its command kept what it built."""
    return bool(_kept)
