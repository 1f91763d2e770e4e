"""`tagscan scan PATH...`: what the ORM would register, as a per-table summary or the JSON contract."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from tagscan.cli.app import app, handles_errors, scan_objects_kept
from tagscan.cli.progress import ScanProgress
from tagscan.errors import InputError
from tagscan.model import NAMING_CONVENTIONS, TAG_KEYS, Index, KeyAttribute, Model, OrmRelease, ScanResult, Table
from tagscan.releases import Rules


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    mermaid = "mermaid"
    markdown = "markdown"
    dms = "dms"


# typer's choices, from the IR's vocabulary that the scanner checks them against.
NamingOption = enum.Enum("NamingOption", [(n, n) for n in NAMING_CONVENTIONS], type=str)  # type: ignore[misc]
TagKeyOption = enum.Enum("TagKeyOption", [(k, k) for k in TAG_KEYS], type=str)  # type: ignore[misc]


@app.command("scan")
@handles_errors
@scan_objects_kept()
def scan_command(
    paths: Annotated[list[Path], typer.Argument(help="Go package directories or .go files.", show_default=False)],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="table: per-table summary; json: the versioned IR (tagscan/schemas/scan.schema.json); mermaid: ER diagram; markdown: PR-comment table; dms: DMS YAML (v0.2 for TableTheory 3.0+, v0.1 before).")] = OutputFormat.table,
    naming: Annotated[NamingOption | None, typer.Option(help="Force the attribute naming convention (default: from go.mod).")] = None,
    tag_key: Annotated[TagKeyOption | None, typer.Option(help="Force the struct tag key (default: what each model uses).")] = None,
    orm_version: Annotated[str | None, typer.Option("--orm-version", help="Read the models as this ORM release (e.g. v3.0.6, 1.7, 4) instead of the one go.mod pins.")] = None,
    include_tests: Annotated[bool, typer.Option("--include-tests", help="Also read _test.go files.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar on long scans.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes the scan may use (0: as many as pay off, 1: serial); the result is the same.")] = 0,
    full: Annotated[bool, typer.Option("--full", help="json: every field's full record (tag parts, locations, flags) on each model and component.")] = False,
    goos: Annotated[str, typer.Option("--goos", help="GOOS whose files are read, as go build picks them.")] = "linux",
    goarch: Annotated[str, typer.Option("--goarch", help="GOARCH whose files are read.")] = "amd64",
) -> None:
    """Read Go models and print what DynamORM/TableTheory would register for each table."""
    from tagscan.scanner import scan

    progress = ScanProgress(enabled=output_format is OutputFormat.table and not quiet)
    try:
        result = scan(
            paths,
            naming=naming.value if naming else None,
            tag_key=tag_key.value if tag_key else None,
            orm_version=orm_version,
            include_tests=include_tests,
            progress=progress,
            jobs=jobs,
            goos=goos,
            goarch=goarch,
        )
    finally:
        progress.close()
    if output_format is OutputFormat.json:
        from tagscan.export.scan_json import render_scan_json

        typer.echo(render_scan_json(result, full=full), nl=False)
    elif output_format.value in ("mermaid", "markdown", "dms"):
        from tagscan.export import SCAN_FORMATS  # renderers (and yaml) only when asked for

        typer.echo(SCAN_FORMATS[output_format.value](result), nl=False)
    else:
        typer.echo(render_tables(result), nl=False)
    from tagscan.report import escape_controls

    for diagnostic in result.diagnostics:
        typer.echo(
            escape_controls(
                f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: {diagnostic.rule} "
                f"{diagnostic.severity}: {diagnostic.message}"
            ),
            err=True,
        )
    if output_format is OutputFormat.dms:
        from tagscan.export.dms import refusals

        refused = refusals(result)  # the others are exported; the ORM's exporter refuses these
        if refused:
            raise InputError("; ".join(refused))


def _key(key: KeyAttribute | None) -> str:
    return f"{key.attribute} ({key.type}, field {key.field} {key.go_type})" if key else "-"


def _index(index: Index) -> str:
    sort = f", sort {index.sort_key.attribute} ({index.sort_key.type})" if index.sort_key else ""
    partition = f"{index.partition_key.attribute} ({index.partition_key.type})" if index.partition_key else "none"
    included = f" [{', '.join(index.non_key_attributes)}]" if index.non_key_attributes else ""
    return f"{index.name} {index.kind}: partition {partition}{sort}, projection {index.projection}{included}"


def _name_source(table: Table, first: Model) -> str:
    ref = first.table
    if table.source == "env":
        if ref.name:
            fallback = f'"{ref.name}"'
        elif ref.pattern:
            fallback = f'pattern "{ref.pattern}"'
        elif ref.unfollowed:
            fallback = f"{ref.unfollowed} (not followed)"
        else:
            fallback = f'"{ref.default_name}" (the ORM\'s default)'
        return f"env {', then '.join(ref.envs or (ref.env or '',))}, when unset {fallback}"
    if table.source == "literal":
        return f'literal "{ref.name}"'
    if table.source == "default":
        return f'default "{ref.name}" (pluralised type name)'
    if table.source == "pattern":
        return f'pattern "{ref.pattern}" (env {", ".join(ref.envs)})'
    part = f", cannot follow {ref.unfollowed}" if ref.unfollowed and ref.unfollowed != ref.expr else ""
    return f"unresolved: {ref.expr}{part} (when empty: \"{ref.default_name}\")"


def _registered(model: Model) -> str:
    at = model.registered_at
    return f", registered at {at.file}:{at.line}:{at.column}" if at is not None else ""


def describe_release(orm: OrmRelease) -> str:
    """The ORM release a model is read as, and why: `github.com/theory-cloud/tabletheory/v3 v3.0.6
    (go.mod): rules of TableTheory 3.x (3.0.2+)`."""
    rules = f"rules of {Rules(orm.rules).label}"
    if orm.source == "assumed":
        if orm.module is None:
            why = "no ORM requirement in go.mod" if orm.version is None else f"unknown version {orm.version}"
        elif orm.version is None:
            why = f"{orm.module} is replaced by a local directory"
        else:
            why = f"{orm.module} {orm.version} is no version tagscan can read"
        return f"{why}: the newest {rules} assumed (of the ORM its tags are for)"
    module = orm.module or "the ORM"
    if orm.source == "orm-module":
        return f"{module} itself (the ORM's own module): {rules}"
    if orm.source == "flag":
        return f"{module} read as --orm-version (or orm-version in the configuration) says: {rules}"
    version = f" {orm.version}" if orm.version else ""
    return f"{module}{version} ({'a replace in go.mod' if orm.source == 'replace' else 'go.mod'}): {rules}"


def render_tables(result: ScanResult) -> str:
    """The human summary: one block per table, then components."""
    from tagscan.report import escape_controls

    lines: list[str] = []
    for table in result.tables:
        members = result.models_of(table)
        first = members[0]
        lines.append(f"table {table.key}")
        lines.append(f"  name:          {_name_source(table, first)}")
        lines.append(f"  partition key: {_key(table.partition_key)}")
        lines.append(f"  sort key:      {_key(table.sort_key)}")
        if table.indexes:
            lines.append("  indexes:")
            lines.extend(f"    {_index(index)}" for index in table.indexes)
        else:
            lines.append("  indexes:       -")
        lines.append(f"  ttl:           {table.ttl.attribute + ' (field ' + table.ttl.field + ')' if table.ttl else '-'}")
        lines.append("  models:")
        for m in members:
            lines.append(f"    {m.name} ({m.file}:{m.line}, tag {m.tag_key}, naming {m.naming} from {m.naming_source}{_registered(m)})")
            if m.orm is not None:
                lines.append(f"      orm: {describe_release(m.orm)}")
        lines.append("")
    if result.components:
        lines.append("components (tagged structs that are not models):")
        lines.extend(
            f"  {c.name} ({c.file}:{c.line}){' used by other structs' if c.used else ' unused: no pk and no TableName'}"
            for c in result.components
        )
        lines.append("")
    if not result.models:
        lines.append(f"no models found in {result.files_scanned} Go files")
    return "\n".join(map(escape_controls, lines)) + ("\n" if lines and lines[-1] != "" else "")
