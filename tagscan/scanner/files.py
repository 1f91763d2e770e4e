"""Which Go files a scan reads (the rules of `go build`) and the go.mod files that govern them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tagscan import releases
from tagscan.errors import InputError
from tagscan.reading import read_regular_file
from tagscan.scanner import gomod
from tagscan.scanner.constraints import BuildTarget

# Directories `go build` never looks into.
_SKIPPED_DIRS = {"vendor", "testdata"}
# Far deeper than any source tree; deeper ones are refused rather than walked (and resolved) level by level.
MAX_DIRECTORY_DEPTH = 128
MAX_GO_MOD_BYTES = 16 << 20


@dataclass(frozen=True)
class GoMod:
    """What a go.mod says that matters here: the module path and the ORM it requires."""

    directory: Path  # the directory holding go.mod (absolute, resolved)
    module: str
    orm_module: str | None  # e.g. github.com/pay-theory/dynamorm or .../tabletheory/v3
    orm_version: str | None  # e.g. v1.3.0
    contents: gomod.GoModFile | None = None  # requires and replaces, for the ORM release


@dataclass(frozen=True)
class Discovery:
    root: Path  # every reported path is relative to it
    files: tuple[Path, ...]  # all Go files of the scanned packages, sorted
    reported: frozenset[Path] | None  # when files were named: only their models are reported
    unreadable: tuple[tuple[Path, str], ...] = ()  # directories (or entries) that could not be read, and why
    target: BuildTarget = BuildTarget()  # the platform whose files are read


def _skip_dir(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.startswith((".", "_"))


def _wanted_file(name: str, include_tests: bool, target: BuildTarget) -> bool:
    if not name.endswith(".go") or name.startswith((".", "_")) or not target.wants_name(name):
        return False
    return include_tests or not name.endswith("_test.go")


def walk_go_files(
    directory: Path, include_tests: bool, unreadable: list[tuple[Path, str]], target: BuildTarget = BuildTarget()
) -> list[Path]:
    """Go files under `directory`, following symlinked dirs once each (no loops) and only when they
    stay inside `directory` (`go build ./...` follows none; a link to `/` must not scan the disk).
    What cannot be read is added to `unreadable`: a stack built without the models it holds would
    drop their tables."""
    found: list[Path] = []
    seen: set[str] = set()
    tree = os.path.join(os.path.realpath(directory), "")
    stack = [(directory, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DIRECTORY_DEPTH:
            raise InputError(f"{_shown(directory)}: directories nested more than {MAX_DIRECTORY_DEPTH} levels deep")
        real = os.path.realpath(current)
        if real in seen or not os.path.join(real, "").startswith(tree):
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            unreadable.append((current, f"cannot read directory: {exc.strerror or exc}"))
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = _go_file_entry(entry)
            except OSError as exc:
                unreadable.append((Path(entry.path), f"cannot read: {exc.strerror or exc}"))
                continue
            if is_dir and not _skip_dir(entry.name):
                stack.append((Path(entry.path), depth + 1))
            elif is_file and _wanted_file(entry.name, include_tests, target):
                found.append(Path(entry.path))
    return sorted(found)


def _go_file_entry(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a symlink to nothing: `go build` fails on that one, so it is kept and
    reported unreadable (TS002) rather than silently skipped. FIFOs and devices are never read."""
    return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))


def package_files(directory: Path, include_tests: bool, target: BuildTarget) -> list[Path]:
    """The Go files of one package directory (no recursion) for the target's file names."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    return sorted(
        Path(e.path) for e in entries if _wanted_file(e.name, include_tests, target) and _go_file_entry(e)
    )


def discover(paths: list[Path], include_tests: bool, target: BuildTarget = BuildTarget()) -> Discovery:
    """Resolve the user's paths to the Go files to read; raise InputError for unusable paths."""
    if not paths:
        raise InputError("no path given")
    files: set[Path] = set()
    named: set[Path] = set()
    bases: list[Path] = []
    directories: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(os.path.abspath(raw))
        if not path.exists():
            raise InputError(f"{raw}: no such file or directory")
        if path.is_dir():
            files.update(walk_go_files(path, include_tests, unreadable, target))
            bases.append(path)
            directories.append(path)
        elif path.suffix == ".go" and path.is_file():  # never a FIFO or device: reading one blocks
            named.add(path)
            files.update(package_files(path.parent, path.name.endswith("_test.go") or include_tests, target))
            files.add(path)
            bases.append(path.parent)
        else:
            raise InputError(f"{raw}: not a directory or a .go file")
    if not files:
        raise InputError(f"no Go files found in {', '.join(str(p) for p in paths)}")
    root = Path(os.path.commonpath([str(b) for b in bases]))
    reported = None
    if named:
        # Files were named (pre-commit): their packages are read, only they (and any named
        # directories' files) are reported.
        reported = frozenset(f for f in files if f in named or any(_under(f, d) for d in directories))
    return Discovery(root=root, files=tuple(sorted(files)), reported=reported, unreadable=tuple(unreadable), target=target)


def _shown(path: Path) -> str:
    """``path`` as messages name it: relative to the working directory when below it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else relative


def _under(path: Path, directory: Path) -> bool:
    try:
        path.relative_to(directory)
    except ValueError:
        return False
    return True


def parse_go_mod(path: Path) -> GoMod | None:
    """The module and ORM requirement of a go.mod, read a line at a time (linear in its size)."""
    try:
        text = read_regular_file(path, MAX_GO_MOD_BYTES)
    except OSError:
        return None
    contents = gomod.parse(text.decode("utf-8", "replace"))
    if contents.module is None:
        return None
    required = [(module, version) for module, version in contents.requires if releases.is_orm_module(module)]
    orm_module, orm_version = required[0] if required else (None, None)
    return GoMod(path.parent, contents.module, orm_module, orm_version, contents)


class GoModFinder:
    """Finds the go.mod governing a directory by walking up; results are cached per directory."""

    def __init__(self) -> None:
        self._cache: dict[Path, GoMod | None] = {}

    def for_dir(self, directory: Path) -> GoMod | None:
        # Upward a directory at a time (no recursion: a deep tree must not exhaust the stack).
        unknown: list[Path] = []
        current = directory
        while current not in self._cache:
            unknown.append(current)
            candidate = current / "go.mod"
            if candidate.is_file():
                found = parse_go_mod(candidate)
                if found is not None:
                    self._cache[current] = found
                    break
            if current.parent == current:
                self._cache[current] = None
                break
            current = current.parent
        result = self._cache[current]
        for passed in unknown:
            self._cache[passed] = result
        return result
