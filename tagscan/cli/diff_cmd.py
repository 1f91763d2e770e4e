"""`tagscan diff`: what deploying the models (or a new template) does to the deployed tables."""

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tagscan.cli.app import EXIT_CLEAN, EXIT_FINDINGS, app, handles_errors
from tagscan.errors import InputError

if TYPE_CHECKING:  # the planner (and yaml) load only when `diff` runs: scan and lint start fast
    from tagscan.against.diff import Plan
    from tagscan.against.loader import LoadedTemplate
    from tagscan.config import Config
    from tagscan.model import ScanResult

_SYMBOL = {"add": "+", "remove": "-", "change": "~", "unchanged": "=", "unmatched": "?", "unused": ".", "invalid": "!"}


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("diff")
@handles_errors
def diff(
    paths: list[Path] = typer.Argument(
        ...,
        help="The models' Go directories (with --against); OLD and NEW models (directories or git:REF[:path]); "
        "or OLD and NEW templates / cdk.out directories.",
    ),
    against: list[Path] | None = typer.Option(
        None, "--against", help="The deployed template(s) or cdk.out to plan the models' update against."
    ),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    naming: str | None = typer.Option(None, "--naming", help="Naming convention: camelCase, snake_case, verbatim."),
    tag_key: str | None = typer.Option(None, "--tag-key", help="Struct tag key: dynamorm or theorydb."),
    emit_migration: Path | None = typer.Option(
        None, "--emit-migration", help="With OLD and NEW models: write the DynamORMMigration calls of the renames to FILE (- for stdout)."
    ),
    orm_version: str | None = typer.Option(None, "--orm-version", help="Read the models as this ORM release (e.g. v3.0.6, 1.7, 4) instead of the one go.mod pins."),
    config: Path | None = typer.Option(
        None, "--config", help="Configuration file (default: the nearest tagscan.toml or pyproject.toml with a tool.tagscan table)."
    ),
) -> None:
    """Print the update plan (tables and indexes added, removed or changed, TTL and stream changes,
    each with a verdict); exit 1 when CloudFormation would reject it or replace a table."""
    from tagscan.against import load_templates
    from tagscan.against.diff import plan_models, plan_templates
    from tagscan.cli.history_cmd import diff_models
    from tagscan.history import is_model_tree

    if emit_migration is not None and (against or len(paths) != 2 or not all(is_model_tree(str(p)) for p in paths)):
        raise InputError("--emit-migration compares two versions of the models: tagscan diff OLD_MODELS NEW_MODELS")

    if against:
        from tagscan import scan
        from tagscan.config import load_config, read_config

        # The same configuration as `lint`: both match the models to the tables alike.
        settings = read_config(config) if config else load_config(paths[0])
        result = scan(paths, naming=naming or settings.naming, tag_key=tag_key or settings.tag_key,
                      orm_version=orm_version or settings.orm_version)
        deployed = load_templates(against)
        plan = plan_models(
            result,
            tuple(str(p) for p in paths),
            deployed,
            settings.bindings,
            settings.bindings_origin,
        )
        steps = _steps_text(result, deployed, settings)
    elif len(paths) == 2 and all(is_model_tree(str(p)) for p in paths):
        diff_models(
            str(paths[0]), str(paths[1]), as_json=fmt is DiffFormat.json, emit_migration=emit_migration,
            naming=naming, tag_key=tag_key, orm_version=orm_version,
        )
    elif len(paths) == 2:
        if naming or tag_key or orm_version:
            raise InputError("--naming, --tag-key and --orm-version apply to models: use `tagscan diff MODELS --against DEPLOYED`")
        plan = plan_templates(load_templates(paths[:1]), load_templates(paths[1:]))
    else:
        raise InputError("give the models and --against DEPLOYED, or two templates: tagscan diff OLD NEW")
    if fmt is DiffFormat.json:
        data = {
            **plan.to_dict(),
            **({"steps": steps} if against else {}),
            "verdict": plan.verdict,
            "errors": plan.count("error"),
            "warnings": plan.count("warning"),
        }
        typer.echo(json.dumps(data, indent=2))
    else:
        typer.echo(_text(plan) + (f"\n{steps}" if against else ""), nl=False)
    raise typer.Exit(EXIT_FINDINGS if plan.verdict == "error" else EXIT_CLEAN)


def _steps_text(models: "ScanResult", deployed: tuple["LoadedTemplate", ...], settings: "Config") -> str:
    """The numbered deploys `tagscan synth --against` goes through, or why it refuses."""
    from tagscan.against.steps import ReplacementRefused, plan_steps

    try:
        return plan_steps(
            models, deployed, bindings=settings.bindings, bindings_origin=settings.bindings_origin
        ).describe()
    except ReplacementRefused as exc:
        return f"no steps: {exc} (tagscan synth --against refuses it without --allow-replacement)\n"


def _text(plan: "Plan") -> str:
    lines = [f"plan: {', '.join(plan.old)} → {', '.join(plan.new)}", ""]
    for table in plan.tables:
        lines.append(f"{_SYMBOL[table.action]} {table.table}  [{table.verdict}] {table.message}")
        if table.old and table.new:
            lines.append(f"    {table.old} → {table.new}, matched by {table.matched_by}")
        for change in table.changes:
            rule = f" {change.rule}" if change.rule else ""
            lines.append(f"    {change.describe()}  [{change.verdict}{rule}] {change.message}")
        if table.stages:
            lines.append("    staged plan:")
            lines.extend(f"      {stage}" for stage in table.stages)
    errors, warnings = plan.count("error"), plan.count("warning")
    lines += ["", f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"]
    return "\n".join(lines) + "\n"
