"""The packages of a scan: files read once, parsed lazily, declarations looked up across packages."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from tagscan.model import Diagnostic, Severity
from tagscan.reading import read_regular_file
from tagscan.scanner.constraints import BuildTarget
from tagscan.scanner.files import GoMod, GoModFinder, package_files
from tagscan.scanner.parse import MethodDecl, ParsedFile, TypeDecl, parse_file

# A file that can hold a model (or the TableName method of one) contains one of these.
MODEL_MARKERS = (b"dynamorm:", b"theorydb:", b"TableName")
_QUOTED = re.compile(rb'"([^"\n]+)"')
# The struct types a file declares (a byte-level guess: a struct-typed field's name only adds a name):
# each `struct {`, found by a fast search for the keyword, with `type Name ` or `\tName ` before it on its line.
_STRUCT_OPENING = re.compile(rb"struct[ \t]*\{")
_STRUCT_NAME_BEFORE = re.compile(rb"(?:type[ \t]+|[ \t]+)([A-Za-z_]\w*)[ \t]+")
_FIRST_DECLARATION = re.compile(rb"\n(?:func|type|var|const) ")
# A struct field line that is a type alone (`\tKeys`, `\t*base.Keys // ids`): an embed, of the type named by group 1.
_EMBEDDING_LINE = re.compile(rb"[ \t]+\*?(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)[ \t]*(?:`[^`\n]*`)?[ \t]*(?://[^\n]*)?\r?")

# Every Go file starts with its package clause (after comments); checked on files never parsed.
PACKAGE_CLAUSE = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|//[^\n]*|/\*.*?\*/)*package\s+[A-Za-z_\x80-\xff]", re.DOTALL)


@dataclass
class Package:
    directory: Path
    files: list[Path]
    gomod: GoMod | None
    parsed: dict[Path, ParsedFile] = field(default_factory=dict)  # in the order they were parsed
    lookup_order: list[Path] | None = None  # readable files, those that can hold a model first
    # For lookups, by kind of declaration: where each name is first declared among the first
    # `indexed[kind]` parsed files, as a position in lookup_order; and the positions of the files
    # not parsed yet, as of `len(parsed) == unparsed[0]`.
    declared_at: dict[str, dict[str, int]] = field(default_factory=dict)
    indexed: dict[str, int] = field(default_factory=dict)
    unparsed: tuple[int, list[int]] = (-1, [])

    @functools.cached_property
    def import_path(self) -> str | None:
        if self.gomod is None:
            return None
        rel = self.directory.relative_to(self.gomod.directory).as_posix()
        return self.gomod.module if rel == "." else f"{self.gomod.module}/{rel}"


@dataclass(frozen=True)
class PackageFile:
    """A parsed file and its package: where a declaration lives."""

    package: Package
    file: ParsedFile


# Called with (files read, files in the scanned packages) as files are read.
Progress = Callable[[int, int], None]


def _struct_names(source: bytes) -> set[bytes]:
    """The names of the struct types a file declares, and of its fields of a struct type (a byte-level
    look: it decides which files are parsed)."""
    names = set()
    for opening in _STRUCT_OPENING.finditer(source):
        declared = _STRUCT_NAME_BEFORE.fullmatch(source, source.rfind(b"\n", 0, opening.start()) + 1, opening.start())
        if declared is not None:
            names.add(declared.group(1))
    return names


def _embeds_one_of(source: bytes, names: set[bytes]) -> bool:
    """Whether a line of `source` embeds one of `names`: the lines where a name occurs are checked,
    so a file that names none of them costs a byte search per name and nothing else."""
    for name in names:
        at = source.find(name)
        while at >= 0:
            start = source.rfind(b"\n", 0, at) + 1
            end = source.find(b"\n", at)
            line = _EMBEDDING_LINE.fullmatch(source, start, end if end >= 0 else len(source))
            if line is not None and line.group(1) == name:
                return True
            at = source.find(name, at + len(name))
    return False


class Workspace:
    def __init__(
        self, root: Path, files: tuple[Path, ...], include_tests: bool, progress: Progress | None = None,
        target: BuildTarget = BuildTarget(),
    ) -> None:
        self.target = target
        self.root = root
        self._progress = progress
        self._total = len(files)
        self.include_tests = include_tests
        self._diagnostics: list[Diagnostic] = []  # found and not taken yet
        self._gomods = GoModFinder()
        self._sources: dict[Path, bytes | None] = {}
        self._model_files: set[Path] = set()  # read files that contain a MODEL_MARKER
        self._imported_paths: dict[Path, frozenset[str]] = {}
        self._packages: dict[Path, Package] = {}
        by_dir: dict[Path, list[Path]] = {}
        for path in files:
            by_dir.setdefault(path.parent, []).append(path)
        for directory, paths in sorted(by_dir.items()):
            self._packages[directory] = Package(directory, sorted(paths), self._gomods.for_dir(directory))
        self.scanned = list(self._packages.values())
        self._modules = {p.gomod.module: p.gomod for p in self.scanned if p.gomod is not None}
        self._relative: dict[Path, str] = {}
        self._lookups: dict[tuple[str, Path, str], Any] = {}
        self._imports: dict[tuple[Path | None, str], Package | None] = {}  # (go.mod dir, import path)

    def relative(self, path: Path) -> str:
        """`path` relative to the scan root, `/`-separated ("." for the root itself)."""
        if path not in self._relative:
            try:
                self._relative[path] = path.relative_to(self.root).as_posix()
            except ValueError:
                self._relative[path] = os.path.relpath(path, self.root).replace(os.sep, "/")
        return self._relative[path]

    # --- reading and parsing -------------------------------------------------------------

    def source(self, path: Path) -> bytes | None:
        if path not in self._sources:
            try:
                # a regular file only: a FIFO or device put in its place since discovery would block
                source = self._sources[path] = read_regular_file(path)
                if not self.target.wants_source(source):
                    self._sources[path] = None  # `//go:build ignore`, another platform: not in the package
                elif any(marker in source for marker in MODEL_MARKERS):
                    self._model_files.add(path)
            except OSError as exc:
                self._sources[path] = None
                self._diagnose("TS002", path, 1, 1, f"cannot read file: {exc.strerror or exc}")
            if self._progress is not None:
                self._progress(len(self._sources), self._total)
        return self._sources[path]

    def can_hold_model(self, path: Path) -> bool:
        """Whether the file (read if need be) contains a MODEL_MARKER: the files parsed up front."""
        self.source(path)
        return path in self._model_files

    def parsed(self, package: Package, path: Path) -> ParsedFile | None:
        if path in package.parsed:
            return package.parsed[path]
        source = self.source(path)
        if source is None:
            return None
        parsed = parse_file(path, source)
        package.parsed[path] = parsed
        self._report_parse_problems(parsed)
        return parsed

    def _report_parse_problems(self, parsed: ParsedFile) -> None:
        if parsed.decode_error is not None:
            offset = parsed.decode_error
            line = parsed.source.count(b"\n", 0, offset) + 1
            self._diagnose("TS002", parsed.path, line, 1, f"invalid UTF-8 at byte offset {offset}")
        error = parsed.syntax_error()
        if error is not None:
            line, column, message = error
            self._diagnose("TS001", parsed.path, line, column, f"Go syntax error: {message}")

    def _diagnose(self, rule: str, path: Path, line: int, column: int, message: str) -> None:
        severity: Severity = "info" if rule == "TS004" else "error"
        self._diagnostics.append(Diagnostic(rule, severity, self.relative(path), line, column, message))

    def add_diagnostic(self, diagnostic: Diagnostic) -> None:
        self._diagnostics.append(diagnostic)

    def take_diagnostics(self) -> list[Diagnostic]:
        """The diagnostics found since they were last taken (reading and parsing files finds them,
        whichever package asked), each handed out once."""
        found, self._diagnostics = self._diagnostics, []
        return found

    def diagnose_unreadable(self, unreadable: tuple[tuple[Path, str], ...]) -> None:
        """TS002 for each directory or entry of the scanned tree that could not be read."""
        for path, message in unreadable:
            self._diagnose("TS002", path, 1, 1, message)

    def diagnose_unresolved(self, file: ParsedFile, node, message: str) -> None:  # noqa: ANN001
        line, column = file.position(node)
        self._diagnose("TS004", file.path, line, column, message)

    def read_scanned(self) -> None:
        """Read every file of the scanned packages (before shards fork, so that they share the bytes)."""
        for package in self.scanned:
            for path in package.files:
                self.source(path)
        self._add_embedding_files()

    def _add_embedding_files(self) -> None:
        """Files without a marker whose structs embed a struct of a file that can hold a model can
        hold one too (`type Customer struct { Keys; ... }` takes Keys' pk and TableName): they join
        the files parsed up front, again until none is added."""
        if not self._model_files:
            return
        by_import = {p.import_path: p for p in self.scanned if p.import_path}
        # each other file, with the directories whose structs it may embed: its own and those it imports
        others = [
            (path, source, {package.directory} | {by_import[i].directory for i in self.imported_paths(path) & by_import.keys()})
            for package in self.scanned for path in package.files
            if (source := self._sources.get(path)) is not None and path not in self._model_files
        ]
        newly = set(self._model_files) if others else set()
        while newly:
            names: dict[Path, set[bytes]] = {}
            for path in newly:
                names.setdefault(path.parent, set()).update(_struct_names(self._sources[path] or b""))
            newly = {
                path for path, source, directories in others
                if any(_embeds_one_of(source, names[d]) for d in directories & names.keys())
            }
            others = [other for other in others if other[0] not in newly]
            self._model_files |= newly

    def model_files(self, package: Package) -> Iterator[ParsedFile]:
        """The package's files that can hold a model, parsed (the up-front set)."""
        for path in package.files:
            source = self.source(path)
            if source is None:
                continue
            if path in self._model_files:
                parsed = self.parsed(package, path)
                if parsed is not None:
                    yield parsed
            elif not PACKAGE_CLAUSE.match(source):
                self._diagnose("TS001", path, 1, 1, "Go syntax error: expected 'package' and a package name")
            elif b"\x00" in source:
                self._diagnose("TS001", path, source.count(b"\n", 0, source.find(b"\x00")) + 1, 1,
                               "Go syntax error: illegal character NUL")

    def other_files(self, packages: list[Package]) -> Iterator[tuple[Package, Path, bytes]]:
        """The files of `packages` that cannot hold a model (not parsed up front), with their bytes."""
        for package in packages:
            for path in package.files:
                source = self.source(path)
                if source is not None and path not in self._model_files:
                    yield package, path, source

    def imported_paths(self, path: Path) -> frozenset[str]:
        """The quoted strings before the file's first declaration: its import paths (a byte-level guess
        that may include a string of a comment, which only costs a parse). Found once per file: the
        embed search, the ORM calls and the search for used structs all ask."""
        found = self._imported_paths.get(path)
        if found is None:
            source = self.source(path) or b""
            first = _FIRST_DECLARATION.search(source)  # one pass that stops there, not one per keyword
            head = source[: first.start()] if first else source
            found = self._imported_paths[path] = frozenset(m.decode("utf-8", "replace") for m in _QUOTED.findall(head))
        return found

    def files_mentioning(self, package: Package, word: str) -> Iterator[ParsedFile]:
        """The package's files that may declare `word`, parsed on demand: files that can hold a model
        first, then the others, in path order each. The order does not depend on what was parsed
        before, so every shard of a parallel scan finds the same declaration as a serial scan."""
        needle = word.encode()
        for path in self._lookup_order(package):
            # a parsed file's declarations are at hand: no byte search needed to rule it out
            if path in package.parsed or needle in self._sources[path]:  # type: ignore[operator]
                parsed = self.parsed(package, path)
                if parsed is not None:
                    yield parsed

    def _lookup_order(self, package: Package) -> list[Path]:
        if package.lookup_order is None:
            readable = [path for path in package.files if self.source(path) is not None]
            marked = [path for path in readable if self.can_hold_model(path)]
            package.lookup_order = marked + [path for path in readable if path not in self._model_files]
        return package.lookup_order

    # --- lookups ---------------------------------------------------------------------------

    def package_at(self, directory: Path) -> Package | None:
        if directory not in self._packages:
            files = package_files(directory, self.include_tests, self.target)
            self._packages[directory] = Package(directory, files, self._gomods.for_dir(directory))
        package = self._packages[directory]
        return package if package.files else None

    def imported(self, file: ParsedFile, package: Package, name: str) -> Package | None:
        """The in-tree package that `name.X` refers to in `file`, if the import is in a known module."""
        import_path = file.imports.get(name)
        if import_path is None:
            return None
        key = (package.gomod.directory if package.gomod else None, import_path)
        if key not in self._imports:
            self._imports[key] = self._package_of_import(package.gomod, import_path)
        return self._imports[key]

    def _package_of_import(self, gomod: GoMod | None, import_path: str) -> Package | None:
        modules = dict(self._modules)
        if gomod is not None:
            modules.setdefault(gomod.module, gomod)
        for module, module_gomod in sorted(modules.items(), key=lambda m: -len(m[0])):
            if import_path == module or import_path.startswith(module + "/"):
                rest = import_path[len(module) :].lstrip("/")
                return self.package_at(module_gomod.directory / rest if rest else module_gomod.directory)
        return None

    def _declared(self, kind: str, package: Package, name: str):  # noqa: ANN202
        """The first file of the package declaring `name` in its `kind` table, in lookup order, as
        `files_mentioning` finds it (cached). Parsed files are looked up in an index of the package,
        not one by one: every model of a package looks up its own type name."""
        key = (kind, package.directory, name)
        if key not in self._lookups:
            order = self._lookup_order(package)
            needle = name.encode()
            while True:
                first = self._declarations(package, kind).get(name, len(order))
                # a file not parsed yet that comes first and mentions the name may declare it
                earlier = next((i for i in self._unparsed(package) if i < first and needle in self._sources[order[i]]), None)  # type: ignore[operator]
                if earlier is None:
                    break
                self.parsed(package, order[earlier])
            if first == len(order):
                self._lookups[key] = None
            else:
                file = package.parsed[order[first]]
                self._lookups[key] = (PackageFile(package, file), getattr(file, kind)[name])
        return self._lookups[key]

    def _declarations(self, package: Package, kind: str) -> dict[str, int]:
        """`package.declared_at[kind]`, with the files parsed since it was last brought up to date."""
        declared = package.declared_at.setdefault(kind, {})
        indexed = package.indexed.get(kind, 0)
        if indexed < len(package.parsed):
            positions = {path: i for i, path in enumerate(self._lookup_order(package))}
            for file in list(package.parsed.values())[indexed:]:
                position = positions[file.path]
                for name in getattr(file, kind):
                    if position < declared.get(name, len(positions)):
                        declared[name] = position
            package.indexed[kind] = len(package.parsed)
        return declared

    def _unparsed(self, package: Package) -> list[int]:
        """The positions in lookup order of the package's files not parsed yet."""
        if package.unparsed[0] != len(package.parsed):
            order = self._lookup_order(package)
            package.unparsed = (len(package.parsed), [i for i, path in enumerate(order) if path not in package.parsed])
        return package.unparsed[1]

    def find_type(self, package: Package, name: str) -> tuple[PackageFile, TypeDecl] | None:
        return self._declared("types", package, name)

    def find_const(self, package: Package, name: str) -> tuple[PackageFile, Node] | None:
        return self._declared("consts", package, name)

    def find_var(self, package: Package, name: str) -> tuple[PackageFile, Node] | None:
        return self._declared("vars", package, name)

    def find_function(self, package: Package, name: str) -> tuple[PackageFile, Node] | None:
        return self._declared("functions", package, name)

    def methods(self, package: Package, receiver: str, name: str) -> list[tuple[PackageFile, MethodDecl]]:
        """Methods `name` of the package by receiver type name (indexed once per package and name)."""
        key = ("methods", package.directory, name)
        if key not in self._lookups:
            index: dict[str, list[tuple[PackageFile, MethodDecl]]] = {}
            for file in self.files_mentioning(package, name):
                for method in file.methods:
                    if method.name == name:
                        index.setdefault(method.receiver, []).append((PackageFile(package, file), method))
            self._lookups[key] = index
        return self._lookups[key].get(receiver, [])  # type: ignore[union-attr]
