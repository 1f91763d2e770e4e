"""`tagscan synth` (Go models → a CDK cloud assembly) and `tagscan init` (a cdk.json for the CDK CLI).

``aws_cdk`` and ``cdk_bridge`` are imported only once the models passed lint and the output is
stale, so the cache check, ``scan`` and ``lint`` never pay for the CDK; the output's own machinery
(``synth_output``: hashing, temporary directories) only by synth, not at every start.
"""

import dataclasses
import enum
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from tagscan.cli import lifetime
from tagscan.cli.app import EXIT_ERROR, EXIT_FINDINGS, app, configuration_line, handles_errors, scan_objects_kept
from tagscan.cli.writing import write_atomically
from tagscan.errors import ConfigError, InputError
from tagscan.table_shape import SETTING_CHOICES

if TYPE_CHECKING:
    from tagscan.config import Config
    from tagscan.model import ScanResult

CDK_JSON = "cdk.json"
# `tagscan synth` writes what `cdk synth` writes with the cdk.json of `tagscan init`: resource
# path metadata (the CLI's default) and no CDKMetadata resource (it changes with the CDK
# version and says nothing about the tables).
APP_CONTEXT: dict[str, Any] = {"aws:cdk:enable-path-metadata": True}
CDK_JSON_SETTINGS: dict[str, Any] = {"versionReporting": False}


# typer's choices, from the one vocabulary synth validates the settings against.
BillingMode = enum.Enum("BillingMode", [(v, v) for v in SETTING_CHOICES["billing_mode"]], type=str)  # type: ignore[misc]
StreamViewType = enum.Enum("StreamViewType", [(v, v) for v in SETTING_CHOICES["stream_view_type"]], type=str)  # type: ignore[misc]
RemovalPolicy = enum.Enum("RemovalPolicy", [(v, v) for v in SETTING_CHOICES["removal_policy"]], type=str)  # type: ignore[misc]


@app.command("synth")
@handles_errors
@scan_objects_kept()  # also spares the collections while aws_cdk loads and jsii marshals
def synth(
    paths: list[Path] = typer.Argument(..., help="Go files or directories with the models."),
    output: Path = typer.Option(Path("cdk.out"), "--output", "-o", help="The cloud assembly directory."),
    stack_name: Optional[str] = typer.Option(None, "--stack-name", help="Stack name (default: DynamORMModels)."),
    account: Optional[str] = typer.Option(None, "--account", help="AWS account of the stack (default: any)."),
    region: Optional[str] = typer.Option(None, "--region", help="AWS region of the stack (default: any)."),
    billing_mode: Optional[BillingMode] = typer.Option(None, "--billing-mode", help="Billing mode of the tables (default: PAY_PER_REQUEST)."),
    stream_view_type: Optional[StreamViewType] = typer.Option(
        None, "--stream-view-type", help="Stream of the tables (default: NEW_AND_OLD_IMAGES)."
    ),
    removal_policy: Optional[RemovalPolicy] = typer.Option(None, "--removal-policy", help="Removal policy of the tables (default: RETAIN)."),
    deletion_protection: Optional[bool] = typer.Option(
        None, "--deletion-protection/--no-deletion-protection", help="CloudFormation deletion protection (default: on)."
    ),
    pitr: Optional[bool] = typer.Option(None, "--pitr/--no-pitr", help="Point-in-time recovery (default: on)."),
    tag: Optional[list[str]] = typer.Option(None, "--tag", help="KEY=VALUE tag of every table; repeatable."),
    force: bool = typer.Option(False, "--force", help="Synthesize even when the output is up to date."),
    naming: Optional[str] = typer.Option(None, "--naming", help="Naming convention: camelCase, snake_case, verbatim."),
    tag_key: Optional[str] = typer.Option(None, "--tag-key", help="Struct tag key: dynamorm or theorydb."),
    orm_version: Optional[str] = typer.Option(None, "--orm-version", help="Read the models as this ORM release (e.g. v3.0.6, 1.7, 4) instead of the one go.mod pins."),
    config: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file (default: nearest tagscan.toml or pyproject.toml)."
    ),
    against: Optional[list[Path]] = typer.Option(
        None, "--against", help="The deployed template(s) or cdk.out: synthesize the next safe step toward the models."
    ),
    allow_replacement: bool = typer.Option(
        False, "--allow-replacement", help="With --against: accept a step that replaces a table (a new, empty table)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say which configuration file is read."),
    goos: Optional[str] = typer.Option(None, "--goos", help="GOOS whose files are read, as go build picks them (default: linux)."),
    goarch: Optional[str] = typer.Option(None, "--goarch", help="GOARCH whose files are read (default: amd64)."),
) -> None:
    """Write the CDK cloud assembly of the models' tables (one DynamORMTable per table)."""
    from tagscan import scan
    from tagscan.cli.synth_output import cached_summary, content_digest, remove_leftovers, replaceable_output

    target = replaceable_output(output, [*paths, *(against or [])])
    remove_leftovers(target)
    settings = _settings(config, paths[0])
    if verbose:
        typer.echo(configuration_line(settings, paths), err=True)
    models = result = scan(
        paths, naming=naming or settings.naming, tag_key=tag_key or settings.tag_key,
        orm_version=orm_version or settings.orm_version,
        goos=goos or settings.goos or "linux", goarch=goarch or settings.goarch or "amd64",
    )
    disabled_ttl: tuple[tuple[str, str], ...] = ()
    if against:
        result, disabled_ttl = _next_step(result, against, allow_replacement, settings)
    flags = {
        "stack-name": stack_name,
        "account": account,
        "region": region,
        "billing-mode": billing_mode.value if billing_mode else None,
        "stream-view-type": stream_view_type.value if stream_view_type else None,
        "removal-policy": removal_policy.value if removal_policy else None,
        "deletion-protection": deletion_protection,
        "pitr": pitr,
        "tags": {**settings.synth.get("tags", {}), **_tags(tag)} if tag else None,
    }
    options = {**settings.synth, **{k: v for k, v in flags.items() if v is not None}}
    _check_stack_identity(options)
    lint_settings = {"select": settings.select, "ignore": settings.ignore, "severity": settings.severity, "exclude": settings.exclude}
    digest = content_digest(result, {**options, "disabled-ttl": disabled_ttl}, lint_settings)
    # A hit means the same IR, settings and code as a synth that passed lint: lint would pass again.
    summary = None if force else cached_summary(target, digest)
    if summary is not None:
        typer.echo(summary + f"{output} is up to date (use --force to synthesize again)")
        return
    if _refuse_on_lint_errors(models, settings):
        raise typer.Exit(EXIT_FINDINGS)
    try:
        summary = _synthesize(result, options, target, output, digest, disabled_ttl)
    except KeyboardInterrupt:
        # The staging directory is gone by now and the output whole (the old one or the new one).
        # Exit at once: jsii's exit handler raises when the interrupt landed while its kernel started.
        typer.echo("tagscan: error: interrupted", err=True)
        sys.stderr.flush()
        os._exit(EXIT_ERROR)
    typer.echo(summary + f"wrote {output}")


@app.command("init")
@handles_errors
def init(
    directory: Path = typer.Argument(Path("."), help="Where to write cdk.json."),
    models: Path = typer.Option(Path("models"), "--models", help="The Go models, relative to DIRECTORY or absolute."),
    stack_name: Optional[str] = typer.Option(None, "--stack-name", help="Stack name (default: DynamORMModels)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing cdk.json."),
    config: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file whose [synth] options go into the CDK context."
    ),
) -> None:
    """Write a cdk.json whose app is `python3 -m cdk_bridge`, so `cdk synth`/`cdk deploy` build the models' stack."""
    target = directory / CDK_JSON
    if target.exists() and not force:
        raise InputError(f"{target} exists; use --force to overwrite it")
    settings = _settings(config, directory)
    options = dict(settings.synth)
    context: dict[str, Any] = {
        "tagscan:models": models.as_posix() if models.is_absolute() else f"./{models.as_posix()}",
        "tagscan:stackName": stack_name or options.pop("stack-name", None) or "DynamORMModels",
        **({"tagscan:options": options} if options else {}),
    }
    cdk_json = {"app": "python3 -m cdk_bridge", **CDK_JSON_SETTINGS, "context": context}
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    write_atomically(target, json.dumps(cdk_json, indent=2) + "\n")
    typer.echo(f"wrote {target}: `cdk synth` there builds the stack of {context['tagscan:models']}")


def _settings(config: Path | None, near: Path) -> "Config":
    from tagscan.config import load_config, read_config

    return read_config(config) if config else load_config(near)


# What CloudFormation and AWS accept; checked here so that a typo is one line, not a jsii error.
_STACK_IDENTITY = {
    "stack-name": (re.compile(r"[A-Za-z][A-Za-z0-9-]{0,127}"), "a stack name starts with a letter and holds at most 128 letters, digits and hyphens"),
    "account": (re.compile(r"\d{12}"), "an AWS account id is 12 digits"),
    "region": (re.compile(r"[a-z]{2,}(-[a-z]+)+-\d+"), "an AWS region looks like us-east-1"),
}


def _check_stack_identity(options: dict[str, Any]) -> None:
    for key, (pattern, rule) in _STACK_IDENTITY.items():
        value = options.get(key)
        if value is not None and not pattern.fullmatch(value):
            raise ConfigError(f"{key} {value!r}: not valid; {rule}")


def _tags(values: list[str]) -> dict[str, str]:
    tags = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise ConfigError(f"--tag {value!r}: expected KEY=VALUE")
        tags[key] = text
    return tags


def _refuse_on_lint_errors(result: "ScanResult", settings: "Config") -> bool:
    """Print the lint errors, if any, and say whether there were some: synth builds no table
    the ORM or AWS would reject, and never guesses an unresolved or formatted table name."""
    from tagscan import __version__
    from tagscan.lint.engine import run_configured
    from tagscan.lint.rule import LintContext
    from tagscan.report import Report, render
    from tagscan.rules import ALL_RULES
    from tagscan.rules.ts601_unresolved_table_name import UnresolvedTableName

    linted = run_configured(LintContext(scan=result), ALL_RULES, settings)
    errors = tuple(
        dataclasses.replace(f, file=Path(os.path.relpath(Path(result.root, f.file))).as_posix())
        for f in linted.findings
        if f.severity == "error"
    )
    unresolved = [t for t in result.tables if t.source == "unresolved"]
    formatted = [t for t in result.tables if t.source == "pattern"]
    if not errors and not unresolved and not formatted:
        return False
    if errors:
        sys.stdout.write(render(Report(errors, tool_version=__version__), "text"))
    if not any(f.rule == UnresolvedTableName.id for f in errors):
        for table in unresolved:
            typer.echo(f"table of {', '.join(table.models)}: the name cannot be resolved statically (TS601)")
    for table in formatted:
        typer.echo(f"table of {', '.join(table.models)}: the name {table.pattern} is formatted at run time from "
                   f"{', '.join(table.envs)}; synth does not guess their values")
    typer.echo("tagscan: synth refused: fix the errors above; nothing was written", err=True)
    return True


def _next_step(
    models: "ScanResult", against: list[Path], allow_replacement: bool, settings: "Config"
) -> tuple["ScanResult", tuple[tuple[str, str], ...]]:
    """The models of the next safe step from the deployed templates (printed with the steps after it)."""
    from tagscan.against import load_templates
    from tagscan.against.steps import ReplacementRefused, first_step, plan_steps

    try:
        steps = plan_steps(
            models,
            load_templates(against),
            allow_replacement=allow_replacement,
            bindings=settings.bindings,
            bindings_origin=settings.bindings_origin,
        )
    except ReplacementRefused as exc:
        typer.echo(f"tagscan: synth refused: {exc}; nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    typer.echo(steps.describe(), nl=False)
    step = first_step(models, steps)
    return step.scan, step.disabled_ttl


def _synthesize(
    result: "ScanResult",
    options: dict[str, Any],
    target: Path,
    output: Path,
    digest: str,
    disabled_ttl: tuple[tuple[str, str], ...] = (),
) -> str:
    from tagscan.cli.synth_output import private_tmpdir

    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    if not lifetime.ends_after_command():
        # In a process that lives on (tests, a user's program) the kernel outlives this synth and
        # keeps reading its temporary files: jsii removes them when it stops.
        return _synthesize_in(result, options, target, output, digest, disabled_ttl)
    with private_tmpdir():  # jsii's kernel starts with the import of aws_cdk
        return _synthesize_in(result, options, target, output, digest, disabled_ttl)


def _synthesize_in(
    result: "ScanResult",
    options: dict[str, Any],
    target: Path,
    output: Path,
    digest: str,
    disabled_ttl: tuple[tuple[str, str], ...],
) -> str:
    import aws_cdk as cdk

    from cdk_bridge.kernel import stop_kernel
    from cdk_bridge.spec import SynthOptions
    from cdk_bridge.stack import stack_from_options, start_template_validation
    from tagscan.cli.synth_output import replacing_directory, write_stamp
    from tagscan.export.synth_summary import render_summary

    synth_options = SynthOptions.from_mapping(options, where="synth options")
    with replacing_directory(target, output) as staging:
        app = cdk.App(outdir=str(staging), context=APP_CONTEXT, analytics_reporting=False)
        start_template_validation(app)
        stack = stack_from_options(app, result, synth_options)
        for table_key, attribute in disabled_ttl:
            stack.keep_time_to_live_disabled(table_key, attribute)
        app.synth()
        summary = render_summary(stack.specs, synth_options.stack_name, synth_options.account, synth_options.region)
        write_stamp(staging, digest, summary)
    # Once the assembly is in place: stopping the kernel cannot cost it.
    if lifetime.ends_after_command():
        stop_kernel()  # now: Node's own exit, at interpreter exit, is slow
    return summary
