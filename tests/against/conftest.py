"""Fixtures of the against tests: the shop models, the hand-made templates, lint and diff runs."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable

import pytest

import tagscan
from tagscan.against import load_templates
from tagscan.lint.engine import run
from tagscan.lint.rule import Finding, LintContext
from tagscan.model import ScanResult
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES

SHOP = FIXTURES / "against" / "shop"
TEMPLATES = FIXTURES / "templates"
SEED = TEMPLATES / "seed"
AGAINST_RULES = ["TS7", "TS8"]


@pytest.fixture(scope="session")
def shop() -> ScanResult:
    return tagscan.scan([SHOP])


@pytest.fixture(scope="session")
def lint_against() -> Callable[..., tuple[Finding, ...]]:
    """The TS7xx/TS8xx findings of the lint engine for a scan and template paths."""

    def lint(scan: ScanResult, *templates: pathlib.Path) -> tuple[Finding, ...]:
        ctx = LintContext(scan=scan, against=load_templates(templates))
        return run(ctx, ALL_RULES, select=AGAINST_RULES).findings

    return lint


def json_output(result: object) -> dict:
    return json.loads(result.stdout)  # type: ignore[attr-defined]
