"""Reading a file an input names: only a regular file, never a FIFO or a device (reading one could
block for ever or never end), and never more than a cap."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a directory: not something to read."""


def read_regular_file(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    The file is opened without blocking and checked on the descriptor, so a FIFO or device put in
    its place after any earlier check is refused, not read. Raises ``OSError`` (``strerror`` says why).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    # unbuffered: the bytes go straight to the result, not through a buffer (a scan reads thousands of files)
    with open(descriptor, "rb", buffering=0) as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
            raise NotARegularFile(errno.EINVAL, f"not a regular file ({kind})", str(path))
        if limit is None:
            return handle.readall()
        data = b""
        while len(data) <= limit and (chunk := handle.read(limit + 1 - len(data))):  # a read may return less
            data += chunk
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit // (1 << 20)} MB", str(path))
    return data


def inside(path: Path, directory: Path) -> bool:
    """Whether ``path``, with its links resolved, lies in ``directory`` (links resolved too)."""
    real = Path(os.path.realpath(path))
    base = Path(os.path.realpath(directory))
    return real == base or base in real.parents
