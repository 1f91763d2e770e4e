"""The scanner: Go source to the model IR, exactly as DynamORM/TableTheory would register it.

``scan`` is the library entry point; ``declarations`` is the syntax-level view the Go
reference program is compared with. Structs declared inside functions are out of scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from os import PathLike, fspath
from pathlib import Path

from tagscan.errors import InputError
from tagscan.model import NAMING_CONVENTIONS, TAG_KEYS, ScanResult
from tagscan.scanner.assemble import Options, assemble
from tagscan.scanner.constraints import BuildTarget
from tagscan.scanner.declarations import declarations
from tagscan.scanner.files import discover
from tagscan.scanner.gomod import rules_for_version
from tagscan.scanner.workspace import Progress

__all__ = ["NAMING_CONVENTIONS", "TAG_KEYS", "declarations", "scan"]


def scan(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    naming: str | None = None,
    tag_key: str | None = None,
    orm_version: str | None = None,
    include_tests: bool = False,
    progress: Progress | None = None,
    jobs: int = 1,
    goos: str = "linux",
    goarch: str = "amd64",
    keep: Callable[..., None] | None = None,
) -> ScanResult:
    """Scan directories and/or Go files; only the named files' models are reported for files.

    ``progress``, when given, is called with (files read, files in the scanned packages).
    ``orm_version`` (e.g. ``v3.0.6``) reads every model as that ORM release instead of its go.mod's.
    ``jobs`` caps the processes the scan forks (0: as many as pay off); any value gives the same result.
    ``goos``/``goarch``: the platform whose files are read, with `go build`'s constraints (file name
    suffixes, `//go:build` lines); linux/amd64 by default, as Lambda runs.
    ``keep``, when given, is handed what the scan built on the way (parsed files, caches), which is
    otherwise freed as the scan returns: a process that exits right after may keep it and exit
    without freeing it (the `tagscan` command does).
    """
    if naming is not None and naming not in NAMING_CONVENTIONS:
        raise InputError(f"unknown naming convention {naming!r} (use one of {', '.join(NAMING_CONVENTIONS)})")
    if tag_key is not None and tag_key not in TAG_KEYS:
        raise InputError(f"unknown tag key {tag_key!r} (use one of {', '.join(TAG_KEYS)})")
    if orm_version is not None and rules_for_version(orm_version) is None:
        raise InputError(f"unknown ORM version {orm_version!r} (e.g. v3.0.6, 1.7 or 4)")
    if jobs < 0:
        raise InputError(f"jobs must be 0 (automatic) or more, not {jobs}")
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    discovery = discover([Path(fspath(p)) for p in paths], include_tests, BuildTarget(goos, goarch))
    return assemble(discovery, Options(naming=naming, tag_key=tag_key, orm_version=orm_version), include_tests, progress, jobs, keep)
