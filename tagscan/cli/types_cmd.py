"""`tagscan types PATH --lang ts|python [-o FILE]`: the models' items as TypeScript or Python types."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from tagscan.cli.app import app, handles_errors
from tagscan.cli.writing import write_atomically


class Language(str, enum.Enum):
    ts = "ts"
    python = "python"


@app.command("types")
@handles_errors
def types_command(
    paths: Annotated[list[Path], typer.Argument(help="Go package directories or .go files.", show_default=False)],
    lang: Annotated[Language, typer.Option("--lang", help="ts: interfaces; python: TypedDicts.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
    orm_version: Annotated[str | None, typer.Option("--orm-version", help="Read the models as this ORM release (e.g. v3.0.6) instead of the one go.mod pins.")] = None,
) -> None:
    """Print TypeScript interfaces or Python TypedDicts for every model, as the ORM writes its items."""
    from tagscan.export.types_python import render_python
    from tagscan.export.types_ts import render_typescript
    from tagscan.scanner import scan

    result = scan(paths, orm_version=orm_version)
    text = render_typescript(result) if lang is Language.ts else render_python(result)
    if output is None:
        typer.echo(text, nl=False)
        return
    write_atomically(output, text)
