"""tagscan: Go DynamORM/TableTheory models as the single source of truth for DynamoDB tables.

Library API: ``scan(paths, ...)`` returns the model IR (:mod:`tagscan.model`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tagscan.model import SCHEMA_VERSION, ScanResult

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "ScanResult", "scan", "__version__"]


def __getattr__(name: str) -> Any:
    # The IR loads on first use, so `python -m tagscan` reaches its Ctrl-C handler (tagscan.__main__) at once.
    if name in ("SCHEMA_VERSION", "ScanResult"):
        from tagscan import model

        return getattr(model, name)
    raise AttributeError(f"module 'tagscan' has no attribute {name!r}")


def scan(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    naming: str | None = None,
    tag_key: str | None = None,
    orm_version: str | None = None,
    include_tests: bool = False,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    goos: str = "linux",
    goarch: str = "amd64",
) -> ScanResult:
    """Scan Go files or directories and return what the ORM would register.

    ``progress``, when given, is called with (files read, files in the scanned packages).
    ``orm_version`` (e.g. ``v3.0.6``) reads every model as that ORM release instead of its go.mod's.
    ``jobs`` caps the processes the scan forks (0: as many as pay off); any value gives the same result.
    ``goos``/``goarch``: the platform whose files are read, with `go build`'s build constraints.
    """
    from tagscan.scanner import scan as _scan

    return _scan(paths, naming=naming, tag_key=tag_key, orm_version=orm_version, include_tests=include_tests,
                 progress=progress, jobs=jobs, goos=goos, goarch=goarch)
