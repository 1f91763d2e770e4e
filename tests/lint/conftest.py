"""Hand-built IR and tiny test-only rules for the lint engine, report and config tests."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator, Sequence

import pytest
from typer.testing import CliRunner

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Component, Location, Model, ScanResult, Suppression, TableRef


def model(name: str, file: str = "a.go", line: int = 1) -> Model:
    return Model(
        name=name, package="p", import_path=None, dir=".", file=file, line=line, column=6,
        tag_key="dynamorm", naming="camelCase", naming_source="default",
        table=TableRef(source="default", name=name + "s"),
        partition_key=None, sort_key=None, indexes=(), ttl=None, version=None,
        created_at=None, updated_at=None, attributes=(),
    )


def scan_result(
    models: Sequence[Model] = (),
    suppressions: Sequence[Suppression] = (),
    components: Sequence[Component] = (),
) -> ScanResult:
    return ScanResult(
        root="/src", models=tuple(models), tables=(), components=tuple(components), suppressions=tuple(suppressions)
    )


def suppression(line: int, *rules: str, reason: str = "known", file: str = "a.go",
                struct: str | None = None) -> Suppression:
    return Suppression(file=file, line=line, column=40, rules=rules, reason=reason, struct=struct)


def make_rule(
    rule_id: str,
    name: str,
    at: Sequence[tuple[str, int, int]] = (),
    *,
    severity: str = "error",
    enabled_by_default: bool = True,
    needs_against: bool = False,
    crash: bool = False,
) -> type[Rule]:
    """A rule that reports a finding at each (file, line, column), or raises when ``crash``."""

    def check(self: Rule, ctx: LintContext) -> Iterator[Finding]:
        for file, line, column in at:
            yield self.finding(Location(file, line, column), f"{name} at {line}")
        if crash:
            raise KeyError("boom")

    return type(
        f"Rule{rule_id}",
        (Rule,),
        {
            "__doc__": f"## What it does\nTest rule {name}.\n\n## Why is this bad?\nTest.",
            "id": rule_id,
            "name": name,
            "severity": severity,
            "summary": f"Summary of {name}",
            "enabled_by_default": enabled_by_default,
            "needs_against": needs_against,
            "check": check,
        },
    )


@pytest.fixture
def ctx() -> LintContext:
    return LintContext(scan=scan_result())


BAD_GO = """package models

import "time"

type Session struct {
\tID        string    `dynamorm:"pk"`
\tExpiresAt time.Time `dynamorm:"ttl"`
\tName      string    `dynamorm:"attr:name"`
\tNick      string    `dynamorm:"attr:name"`
}

func (Session) TableName() string { return "sessions" }
"""


@pytest.fixture
def bad_models(tmp_path: pathlib.Path) -> pathlib.Path:
    """A Go tree with one error (TS208, line 7) and one warning (TS301, line 9)."""
    directory = tmp_path / "models"
    directory.mkdir()
    (directory / "session.go").write_text(BAD_GO, encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()
