"""`tagscan scan PATH...`: what the ORM would register, as a per-table summary or the JSON contract."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from tagscan.cli import lifetime
from tagscan.cli.app import app, handles_errors, scan_objects_kept
from tagscan.cli.progress import ScanProgress
from tagscan.errors import InputError
from tagscan.model import NAMING_CONVENTIONS, TAG_KEYS


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
            keep=lifetime.keep,
        )
    finally:
        progress.close()
    lifetime.keep(result)
    if output_format is OutputFormat.json:
        from tagscan.export.scan_json import render_scan_json

        typer.echo(render_scan_json(result, full=full), nl=False)
    elif output_format.value in ("mermaid", "markdown", "dms"):
        from tagscan.export.scan_formats import SCAN_FORMATS  # renderers (and yaml) only when asked for

        typer.echo(SCAN_FORMATS[output_format.value](result), nl=False)
    else:
        from tagscan.export.scan_summary import render_tables

        typer.echo(render_tables(result), nl=False)
    from tagscan.escaping import escape_controls

    if result.diagnostics:  # one write: an echo per line costs a flush each (a thousand notes on a large tree)
        typer.echo(
            "\n".join(
                escape_controls(f"{d.file}:{d.line}:{d.column}: {d.rule} {d.severity}: {d.message}")
                for d in result.diagnostics
            ),
            err=True,
        )
    if output_format is OutputFormat.dms:
        from tagscan.export.dms import refusals

        refused = refusals(result)  # the others are exported; the ORM's exporter refuses these
        if refused:
            raise InputError("; ".join(refused))
