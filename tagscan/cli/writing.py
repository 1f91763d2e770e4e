"""Writing a file the user named (`types -o`, `lint --output`, `init`): whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tagscan.errors import InputError


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through a temporary file beside it, renamed over it at the end:
    readers never see half a file, and on any failure (ENOSPC, EFBIG, Ctrl-C) the previous file
    stays as it was and no temporary file is left. A link is written through (the link stays), and
    the file gets the mode a plain ``open`` would give it: the old file's, else 0666 less the umask."""
    destination = Path(os.path.realpath(target))
    temporary = destination.with_name(f".{destination.name}.{os.urandom(4).hex()}.tmp")
    try:
        previous = os.stat(target)  # through links, to what `open` would write
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if previous is not None and not stat.S_ISREG(previous.st_mode) and not stat.S_ISDIR(previous.st_mode):
        _write_in_place(target, text)  # a device or a pipe (/dev/stdout): nothing to keep or replace
        return
    previous_mode = stat.S_IMODE(previous.st_mode) if previous is not None else None
    try:
        # 0o666 here and the umask give the mode `open` gives a new file (mkstemp would give 0600).
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
        if previous_mode is not None:
            os.chmod(temporary, previous_mode)
        os.replace(temporary, destination)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _write_in_place(target: Path, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
