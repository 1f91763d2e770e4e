"""tagscan: Go DynamORM/TableTheory models as the single source of truth for DynamoDB tables.

Library API: ``scan(paths, ...)`` returns the model IR (:mod:`tagscan.model`).
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

from tagscan.model import SCHEMA_VERSION, ScanResult

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "ScanResult", "scan", "__version__"]


def scan(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    naming: str | None = None,
    tag_key: str | None = None,
    include_tests: bool = False,
) -> ScanResult:
    """Scan Go files or directories and return what the ORM would register."""
    from tagscan.scanner import scan as _scan

    return _scan(paths, naming=naming, tag_key=tag_key, include_tests=include_tests)
