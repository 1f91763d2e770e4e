"""What changed between two versions of the models, and what each change takes to deploy.

``model_tree(spec)`` gives a directory of models: a path as it is, or ``git:REF[:path]`` read from the
repository with ``git archive`` (the path and every ``go.mod`` above it, so the ORM version the models
were written against comes along) into a temporary directory, without checking anything out.
``compare(old, new)`` pairs the models by name and reports, per model, the attributes renamed (the
same Go field under a new attribute name: an ORM upgrade such as DynamORM 1.0.30 → 1.0.31, or a
``naming:`` change), key, index and TTL changes, and a move to another table. A renamed key attribute
means a new table; any other renamed attribute means the items written before keep the old name, which
a data migration (``DynamORMMigration``) fixes: ``migration_code`` writes its construct calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import posixpath
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tagscan.errors import InputError
from tagscan.model import Index, JsonRecord, Model, ScanResult, key_phrase

Verdict = Literal["ok", "warning", "error"]
_RANK = {"ok": 0, "warning": 1, "error": 2}
GIT_PREFIX = "git:"

REPLACES = "a key attribute: the table is replaced by a new, empty one (copy the items into it)"
NEEDS_MIGRATION = "items written before keep the old name: copy it with a data migration (--emit-migration)"
RENAMED_IN_COPY = "items written before keep the old name: rename it as the items are copied to the new table"


@dataclass(frozen=True)
class Change(JsonRecord):
    subject: str  # "attribute CustomerID", "partition key", "GSI gsi-status", "TTL", "table", "naming"
    old: str | None
    new: str | None
    verdict: Verdict
    effect: str

    def describe(self) -> str:
        return f"{self.subject}: {self.old or 'none'} → {self.new or 'none'}"


@dataclass(frozen=True)
class ModelHistory(JsonRecord):
    model: str
    action: Literal["add", "remove", "change", "unchanged"]
    table: str  # the table key (env var or name): the new one, else the old one
    location: str  # file:line in the new tree, else in the old one
    changes: tuple[Change, ...] = ()

    @property
    def verdict(self) -> Verdict:
        return max((c.verdict for c in self.changes), key=_RANK.__getitem__, default="ok")


@dataclass(frozen=True)
class TableMigration(JsonRecord):
    """The renames of non-key attributes on one table (of the new models), for one ``DynamORMMigration``."""

    table: str
    models: tuple[str, ...]
    renames: tuple[tuple[str, str], ...]  # (old, new), sorted

    @property
    def migration_id(self) -> str:
        digest = hashlib.sha256(repr(self.renames).encode()).hexdigest()[:8]
        return f"{_words(self.table, '-').lower()}-renames-{digest}"


@dataclass(frozen=True)
class History(JsonRecord):
    old: str
    new: str
    models: tuple[ModelHistory, ...]
    migrations: tuple[TableMigration, ...]

    @property
    def verdict(self) -> Verdict:
        return max((m.verdict for m in self.models), key=_RANK.__getitem__, default="ok")

    def count(self, verdict: Verdict) -> int:
        return sum(1 for m in self.models for c in m.changes if c.verdict == verdict)


# -- reading a model tree -------------------------------------------------------------------------


def is_model_tree(spec: str) -> bool:
    """A ``git:`` spec, a Go file, or a directory that is not a cloud assembly (templates are the rest)."""
    if spec.startswith(GIT_PREFIX):
        return True
    path = Path(spec)
    return path.suffix == ".go" or (path.is_dir() and not (path / "manifest.json").exists())


@contextlib.contextmanager
def model_tree(spec: str) -> Iterator[Path]:
    """The directory (or file) of the models ``spec`` names; a ``git:`` tree lives until the block ends."""
    if not spec.startswith(GIT_PREFIX):
        path = Path(spec)
        if not path.exists():
            raise InputError(f"{spec}: no such file or directory")
        yield path
        return
    ref, _, inner = spec[len(GIT_PREFIX) :].partition(":")
    if not ref:
        raise InputError(f"{spec}: expected git:REF or git:REF:path")
    top = Path(_git(spec, "rev-parse", "--show-toplevel").strip())
    _git(spec, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=top, what=f"{ref} is not a commit")
    if inner.startswith(("./", "../")) or inner in (".", ".."):  # relative to the current directory, as git reads it
        inner = posixpath.join(_git(spec, "rev-parse", "--show-prefix").strip(), inner)
    inner = posixpath.normpath(inner or ".")
    if inner.startswith(".."):
        raise InputError(f"{spec}: {inner} is outside the repository")
    kind = _git(spec, "cat-file", "-t", f"{ref}:{'' if inner == '.' else inner}", cwd=top, what=f"{inner} is not in {ref}").strip()
    if kind not in ("tree", "blob"):
        raise InputError(f"{spec}: {inner} is a {kind}, not a directory or a Go file")
    members = [inner, *_go_mods_above(spec, top, ref, inner)]
    archive = subprocess.run(["git", "archive", "--format=tar", ref, "--", *members], cwd=top, capture_output=True, check=False)
    if archive.returncode != 0:
        raise InputError(f"{spec}: git archive failed: {_first_line(archive.stderr)}")
    with tempfile.TemporaryDirectory(prefix="tagscan-git-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp, inner)


def _go_mods_above(spec: str, top: Path, ref: str, inner: str) -> list[str]:
    """The ``go.mod`` of each directory above ``inner`` at ``ref``: the ORM version decides the naming."""
    found = []
    directory = posixpath.dirname(inner) if inner != "." else None
    while directory is not None:
        candidate = posixpath.join(directory, "go.mod") if directory else "go.mod"
        listed = _git(spec, "ls-tree", "--name-only", ref, "--", candidate, cwd=top)
        if listed.strip():
            found.append(candidate)
        directory = posixpath.dirname(directory) if directory else None
    return found


def _git(spec: str, *args: str, cwd: Path | None = None, what: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError(f"{spec}: git is not installed") from None
    if done.returncode != 0:
        raise InputError(f"{spec}: {what or _first_line(done.stderr) or 'git ' + args[0] + ' failed'}")
    return done.stdout


def _first_line(text: str | bytes) -> str:
    text = text.decode(errors="replace") if isinstance(text, bytes) else text
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


# -- comparing two scans --------------------------------------------------------------------------


def compare(old: ScanResult, new: ScanResult, old_label: str, new_label: str) -> History:
    """Every model of either scan, paired by name (and package directory when a name is not unique)."""
    before, after = _by_identity(old), _by_identity(new)
    histories = []
    for identity in sorted(before.keys() | after.keys()):
        o, n = before.get(identity), after.get(identity)
        if o is None:
            assert n is not None
            histories.append(ModelHistory(n.name, "add", n.table_key(), f"{n.file}:{n.line}"))
        elif n is None:
            effect = "the model is gone; its table and items stay until the table leaves the stack"
            change = Change("model", o.name, None, "ok", effect)
            histories.append(ModelHistory(o.name, "remove", o.table_key(), f"{o.file}:{o.line}", (change,)))
        else:
            changes = _model_changes(o, n)
            histories.append(
                ModelHistory(n.name, "change" if changes else "unchanged", n.table_key(), f"{n.file}:{n.line}", changes)
            )
    return History(old_label, new_label, tuple(histories), _migrations(before, after))


def _by_identity(scan: ScanResult) -> dict[str, Model]:
    names = [m.name for m in scan.models]
    return {m.name if names.count(m.name) == 1 else f"{m.dir}/{m.name}": m for m in scan.models}


def _model_changes(old: Model, new: Model) -> tuple[Change, ...]:
    changes: list[Change] = []
    if (old.naming, old.orm_version) != (new.naming, new.orm_version):
        changes.append(Change("naming", _naming_text(old), _naming_text(new), "ok", "attribute names follow the convention"))
    if old.table_key() != new.table_key():
        changes.append(
            Change(
                "table", old.table_key(), new.table_key(), "warning",
                "the model now reads another table; its items stay in the old one (copy them, or keep the old name)",
            )
        )
    key_changes = _key_changes(old, new)
    changes += key_changes
    effect = RENAMED_IN_COPY if key_changes else NEEDS_MIGRATION
    changes += [Change(f"attribute {field}", before, after, "warning", effect) for field, before, after in _renames(old, new)]
    changes += _index_changes(old, new)
    old_ttl, new_ttl = (old.ttl.attribute if old.ttl else None), (new.ttl.attribute if new.ttl else None)
    if old_ttl != new_ttl:
        if old_ttl and new_ttl:
            effect = "TTL must be disabled, then (an hour later) enabled on the new attribute: two deploys (TS804)"
            changes.append(Change("TTL", old_ttl, new_ttl, "warning", effect))
        else:
            changes.append(Change("TTL", old_ttl, new_ttl, "ok", "enabled in place" if new_ttl else "disabled in place"))
    return tuple(changes)


def _renames(old: Model, new: Model) -> list[tuple[str, str, str]]:
    """(Go field, old attribute, new attribute) of every non-key field whose attribute name changed."""
    keys = _key_fields(old) | _key_fields(new)
    old_names = {a.field: a.name for a in old.attributes}
    return [
        (a.field, old_names[a.field], a.name)
        for a in new.attributes
        if a.field in old_names and old_names[a.field] != a.name and a.field not in keys
    ]


def _naming_text(model: Model) -> str:
    version = f" {model.orm_version}" if model.orm_version and model.naming_source == "go.mod" else ""
    return f"{model.naming} ({model.naming_source}{version})"


def _key_fields(model: Model) -> set[str]:
    """Go fields whose attribute is part of the table's key schema (table keys, LSI sort keys)."""
    keys = [model.partition_key, model.sort_key, *(i.sort_key for i in model.indexes if i.kind == "LSI")]
    return {k.field for k in keys if k is not None}


def _key_changes(old: Model, new: Model) -> list[Change]:
    changes = []
    for subject, before, after in (("partition key", old.partition_key, new.partition_key), ("sort key", old.sort_key, new.sort_key)):
        if key_phrase(before) != key_phrase(after):
            changes.append(Change(subject, key_phrase(before) if before else None, key_phrase(after) if after else None, "error", REPLACES))
    return changes


def _index_text(index: Index | None) -> str | None:
    if index is None:
        return None
    keys = [k.attribute for k in (index.partition_key, index.sort_key) if k is not None]
    return f"{index.kind} {', '.join(keys)}"


def _index_changes(old: Model, new: Model) -> list[Change]:
    before, after = {i.name: i for i in old.indexes}, {i.name: i for i in new.indexes}
    changes = []
    for name in sorted(before.keys() | after.keys()):
        o, n = _index_text(before.get(name)), _index_text(after.get(name))
        if o == n:
            continue
        kind = (after.get(name) or before[name]).kind
        verdict: Verdict
        if kind == "LSI" or (before.get(name) and before[name].kind == "LSI"):
            verdict, effect = "error", "LSIs exist only from a table's creation: the table is replaced"
        elif o and n:
            verdict, effect = "error", "a GSI's keys cannot change under its name: add it under a new name, then remove the old one (TS803)"
        else:
            verdict, effect = "ok", "created in place (backfilled)" if n else "deleted in place"
        changes.append(Change(f"index {name}", o, n, verdict, effect))
    return changes


def _migrations(before: dict[str, Model], after: dict[str, Model]) -> tuple[TableMigration, ...]:
    """One migration per table of the new models, with the renames of its models' non-key attributes."""
    renames: dict[str, dict[str, str]] = {}
    models: dict[str, set[str]] = {}
    for identity, new in after.items():
        old = before.get(identity)
        if old is None or old.table_key() != new.table_key() or _key_changes(old, new):
            continue  # its items are (or will be) in another table: they are renamed as they are copied
        for _, before_name, after_name in _renames(old, new):
            renames.setdefault(new.table_key(), {})[before_name] = after_name
            models.setdefault(new.table_key(), set()).add(new.name)
    return tuple(
        TableMigration(table, tuple(sorted(models[table])), tuple(sorted(table_renames.items())))
        for table, table_renames in sorted(renames.items())
    )


# -- the construct calls --------------------------------------------------------------------------


def migration_code(history: History) -> str:
    """A Python module whose ``add_migrations(models)`` adds one ``DynamORMMigration`` per table."""
    lines = [
        f'"""Data migrations for the attribute renames from {history.old} to {history.new}.',
        "",
        "Written by `tagscan diff --emit-migration`. Call add_migrations(models) with the DynamORMModelsStack of the",
        "new models (its `tables` maps each table's env var or name to its DynamORMTable). The old attributes are",
        "kept (remove_old=False) until no code reads them; a later migration with a new id can remove them.",
        '"""',
        "",
        "from cdk_bridge import DynamORMMigration",
        "",
        "",
        "def add_migrations(models):",
    ]
    if not history.migrations:
        lines.append("    pass  # no attribute was renamed")
    for migration in history.migrations:
        lines += [
            f"    # {', '.join(migration.models)}",
            "    DynamORMMigration(",
            "        models,",
            f"        {_words(migration.table, '') + 'Migration'!r},",
            f"        table=models.tables[{migration.table!r}],",
            f"        migration_id={migration.migration_id!r},",
            "        renames={",
            *(f"            {old!r}: {new!r}," for old, new in migration.renames),
            "        },",
            "    )",
        ]
    return "\n".join(lines) + "\n"


def _words(text: str, joiner: str) -> str:
    """``ORDERS_TABLE_NAME`` → ``OrdersTableName`` (joiner "") or ``Orders-Table-Name`` (joiner "-")."""
    return joiner.join(w[0].upper() + w[1:].lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w)
