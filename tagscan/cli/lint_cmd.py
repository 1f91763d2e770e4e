"""`tagscan lint`, `tagscan rules` and `tagscan explain`."""

import dataclasses
import os
import sys
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import Any, Optional

import typer

from tagscan.cli import lifetime
from tagscan.cli.app import EXIT_CLEAN, EXIT_FINDINGS, app, configuration_line, configured_groups, handles_errors, scan_objects_kept
from tagscan.cli.progress import ScanProgress
from tagscan.cli.writing import write_atomically
from tagscan.errors import InputError
from tagscan.reading import read_regular_file


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _registry() -> list[Any]:
    from tagscan.lint.engine import known_rules
    from tagscan.rules import ALL_RULES

    return known_rules(ALL_RULES)


def _selectors(values: list[str] | None) -> tuple[str, ...]:
    """`--select A,B --select C` -> ("A", "B", "C")."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _load_against(paths: list[Path]) -> tuple[Any, ...]:
    try:
        from tagscan.against import load_templates
    except ImportError:
        raise InputError("--against is not available") from None
    return tuple(load_templates(paths))


def _display_path(root: Path, file: str, cwd: Path) -> str:
    """Paths as the user can open them: relative to the working directory when below it."""
    absolute = (root / file).resolve()
    try:
        return absolute.relative_to(cwd).as_posix() or "."
    except ValueError:
        return absolute.as_posix()


def _line_reader(cwd: Path) -> Callable[[str, int], str | None]:
    cache: dict[str, list[str] | None] = {}

    def read_line(file: str, line: int) -> str | None:
        if file not in cache:
            try:
                cache[file] = read_regular_file(cwd / file).decode("utf-8", "replace").splitlines()
            except OSError:
                cache[file] = None
        lines = cache[file]
        return lines[line - 1] if lines is not None and 0 < line <= len(lines) else None

    return read_line


def _use_color(fmt: OutputFormat, output: Path | None) -> bool:
    return fmt is OutputFormat.text and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@app.command("lint")
@handles_errors
@scan_objects_kept()
def lint(
    paths: list[Path] = typer.Argument(..., help="Go files or directories to lint."),
    fmt: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Output format."),
    select: Optional[list[str]] = typer.Option(
        None, "--select", help="Rules to run (ids, id prefixes like TS2, names, or ALL); comma-separated, repeatable."
    ),
    ignore: Optional[list[str]] = typer.Option(
        None, "--ignore", help="Rules to skip (ids, prefixes or names); comma-separated, repeatable."
    ),
    fail_on: Optional[FailOn] = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding has this severity or worse (default: error)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    naming: Optional[str] = typer.Option(None, "--naming", help="Naming convention: camelCase, snake_case or verbatim."),
    tag_key: Optional[str] = typer.Option(None, "--tag-key", help="Struct tag key: dynamorm or theorydb."),
    orm_version: Optional[str] = typer.Option(None, "--orm-version", help="Read the models as this ORM release (e.g. v3.0.6, 1.7, 4) instead of the one go.mod pins."),
    include_tests: bool = typer.Option(False, "--include-tests", help="Also read *_test.go files."),
    against: Optional[list[Path]] = typer.Option(
        None, "--against", help="CloudFormation template(s) or cdk.out to check the models against."
    ),
    config: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file (default: the nearest tagscan.toml or pyproject.toml with a tool.tagscan table)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on long scans."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Processes the scan may use (0: as many as pay off, 1: serial); the result is the same."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say which configuration file each path is linted under."),
    goos: Optional[str] = typer.Option(None, "--goos", help="GOOS whose files are read, as go build picks them (default: linux)."),
    goarch: Optional[str] = typer.Option(None, "--goarch", help="GOARCH whose files are read (default: amd64)."),
) -> None:
    """Report what the ORM, DynamoDB or CloudFormation would reject in Go models."""
    from tagscan import __version__, scan
    from tagscan.lint.engine import run_configured
    from tagscan.lint.rule import SEVERITY_RANK, LintContext
    from tagscan.lint.selection import Layer
    from tagscan.report import Report, render
    from tagscan.rules import ALL_RULES

    cwd = Path.cwd().resolve()
    templates = _load_against(against) if against else ()
    findings: list[Any] = []
    suppressed = 0
    failing = False
    groups = configured_groups(paths, config)
    for settings, group in groups:
        if verbose:
            typer.echo(configuration_line(settings, group), err=True)
        progress = ScanProgress(enabled=fmt is OutputFormat.text and not quiet)
        try:
            result = scan(
                group,
                naming=naming or settings.naming,
                tag_key=tag_key or settings.tag_key,
                orm_version=orm_version or settings.orm_version,
                include_tests=include_tests,
                progress=progress,
                jobs=jobs,
                goos=goos or settings.goos or "linux",
                goarch=goarch or settings.goarch or "amd64",
                keep=lifetime.keep,
            )
        finally:
            progress.close()
        ctx = LintContext(
            scan=result,
            against=templates,
            bindings=tuple(sorted(settings.bindings.items())),
            bindings_origin=settings.bindings_origin,
        )
        lifetime.keep(ctx)
        if templates:
            from tagscan.against.check import against_issues

            against_issues(ctx)  # a binding that names nothing is a configuration error (exit 2), not a finding
        linted = run_configured(
            ctx, ALL_RULES, settings, layers=[Layer("--select/--ignore", _selectors(select) or None, _selectors(ignore))]
        )
        root = Path(result.root)
        shown = [
            dataclasses.replace(
                f,
                file=_display_path(root, f.file, cwd),
                related=tuple(dataclasses.replace(r, file=_display_path(root, r.file, cwd)) for r in f.related),
            )
            for f in linted.findings
        ]
        threshold = SEVERITY_RANK[(fail_on.value if fail_on else None) or settings.fail_on or "error"]
        failing = failing or any(SEVERITY_RANK[f.severity] >= threshold for f in shown)
        findings.extend(shown)
        suppressed += linted.suppressed
    if len(groups) > 1:
        findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule))
    report = Report(
        tuple(findings),
        rules={rule.id: rule for rule in _registry()},
        suppressed=suppressed,
        tool_version=__version__,
        configurations=tuple(_display_path(cwd, str(s.source), cwd) for s, _ in groups if s.source is not None),
    )
    text = render(report, fmt.value, color=_use_color(fmt, output), read_line=_line_reader(cwd))
    if output is not None:
        write_atomically(output, text)
    else:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            pass  # the reader left (`| head`); the exit code still says whether there were findings
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@app.command("rules")
@handles_errors
def rules(
    fmt: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """List every lint rule: id, name, default severity, whether it is on by default, summary."""
    from tagscan.lint import catalog

    render = {"text": catalog.rules_text, "json": catalog.rules_json, "markdown": catalog.rules_markdown}
    sys.stdout.write(render[fmt.value](_registry()))


@app.command("explain")
@handles_errors
def explain(rule: str = typer.Argument(..., help="A rule id (TS208) or name (invalid-ttl-type).")) -> None:
    """Print a rule's documentation."""
    from tagscan.lint.catalog import find_rule
    from tagscan.report import rule_doc

    found = find_rule(_registry(), rule)
    default = "on by default" if found.enabled_by_default else "off by default: enable it with --select"
    sys.stdout.write(f"{found.id} {found.name} ({found.severity}, {default})\n\n{rule_doc(found)}\n")
