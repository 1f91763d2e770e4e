"""`tagscan diff OLD_MODELS NEW_MODELS`: what changed between two versions of the models (tagscan.history)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from tagscan.cli.app import EXIT_CLEAN, EXIT_FINDINGS
from tagscan.errors import InputError

if TYPE_CHECKING:
    from tagscan.history import History

_SYMBOL = {"add": "+", "remove": "-", "change": "~", "unchanged": "="}


def diff_models(
    old: str,
    new: str,
    *,
    as_json: bool,
    emit_migration: Path | None,
    naming: str | None,
    tag_key: str | None,
    orm_version: str | None,
) -> NoReturn:
    """Print the model history; write the migration module when asked; exit 1 when a table is replaced."""
    from tagscan import scan
    from tagscan.history import compare, migration_code, model_tree

    if emit_migration is not None and str(emit_migration) != "-" and os.path.lexists(emit_migration):
        raise InputError(f"{emit_migration} exists; --emit-migration never overwrites a file")
    with model_tree(old) as old_tree, model_tree(new) as new_tree:
        before, after = (scan([tree], naming=naming, tag_key=tag_key, orm_version=orm_version) for tree in (old_tree, new_tree))
        history = compare(before, after, old, new)
    if emit_migration is not None and str(emit_migration) == "-":
        typer.echo(migration_code(history), nl=False)
        raise typer.Exit(EXIT_CLEAN)
    if as_json:
        data = {**history.to_dict(), "verdict": history.verdict, "errors": history.count("error"), "warnings": history.count("warning")}
        typer.echo(json.dumps(data, indent=2))
    else:
        typer.echo(_text(history), nl=False)
    if emit_migration is not None:
        try:
            emit_migration.write_text(migration_code(history), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {emit_migration}: {exc.strerror or exc}") from None
        if not as_json:
            typer.echo(f"wrote {emit_migration}: {len(history.migrations)} DynamORMMigration call(s)")
    raise typer.Exit(EXIT_FINDINGS if history.verdict == "error" else EXIT_CLEAN)


def _text(history: History) -> str:
    lines = [f"models: {history.old} → {history.new}", ""]
    for model in history.models:
        if model.action == "unchanged":
            continue
        lines.append(f"{_SYMBOL[model.action]} {model.model}  (table {model.table}, {model.location})")
        for change in model.changes:
            lines.append(f"    {change.describe()}  [{change.verdict}] {change.effect}")
    for migration in history.migrations:
        renames = ", ".join(f"{old} → {new}" for old, new in migration.renames)
        lines.append(f"data migration of table {migration.table} ({', '.join(migration.models)}): {renames}")
    unchanged = sum(1 for m in history.models if m.action == "unchanged")
    errors, warnings = history.count("error"), history.count("warning")
    lines += ["", f"{unchanged} model{'s' * (unchanged != 1)} unchanged; {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"]
    return "\n".join(lines) + "\n"
