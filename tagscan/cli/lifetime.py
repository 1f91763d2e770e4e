"""Whether this process is the `tagscan` command, which exits once its command is done.

Tests run commands in-process, several in one interpreter; only the `tagscan` command itself may
end what outlives a command (synth stops the CDK's Node process once the cloud assembly is written).
"""

from __future__ import annotations

_ends_after_command = False


def end_after_command() -> None:
    """Say that the process exits once its command is done (`tagscan/__main__.py` does)."""
    global _ends_after_command
    _ends_after_command = True


def ends_after_command() -> bool:
    return _ends_after_command
