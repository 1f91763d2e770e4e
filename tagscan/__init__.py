"""tagscan: Go DynamORM/TableTheory models as the single source of truth for DynamoDB tables.

Library API: ``scan(paths, ...)`` returns the model IR (:mod:`tagscan.model`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tagscan.model import SCHEMA_VERSION, ScanResult
    from tagscan.scanner import scan

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "ScanResult", "scan", "__version__"]


def __getattr__(name: str) -> Any:
    # The IR and the scanner load on first use, so `python -m tagscan` reaches its Ctrl-C handler
    # (tagscan.__main__) at once.
    if name in ("SCHEMA_VERSION", "ScanResult"):
        from tagscan import model

        return getattr(model, name)
    if name == "scan":
        from tagscan import scanner

        return scanner.scan
    raise AttributeError(f"module 'tagscan' has no attribute {name!r}")
