"""Whether this process ends as soon as its command is done, and what it keeps until then.

The `tagscan` command ends with ``os._exit`` once its command is done, as mypy does: freeing what a
scan built (parsed trees, caches, the IR: millions of objects on a large tree) takes a tenth of the
scan, for nothing. The scanner hands what it built to ``keep``, and synth stops the CDK's Node
process itself, since no exit handler runs. A process that never called ``end_after_command`` (a
library user's, or tests running the CLI in-process) goes on as usual.
"""

from __future__ import annotations

_kept: list[object] | None = None  # a list once the process ends after its command


def end_after_command() -> None:
    """Say that the process ends with ``os._exit`` once its command is done (the caller does that)."""
    global _kept
    _kept = []


def ends_after_command() -> bool:
    return _kept is not None


def keep(*objects: object) -> None:
    """Keep the objects referenced until the process ends, if it ends after its command."""
    if _kept is not None:
        _kept.extend(objects)
