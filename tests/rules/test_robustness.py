"""No rule of this area raises on any Go tree of the repository (a crash would only show as TS003)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tagscan
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES

OURS = [rule for rule in ALL_RULES if rule.id < "TS700"]
GO_TREES = sorted({path.parent for path in FIXTURES.rglob("*.go")})


@pytest.mark.parametrize("tree", GO_TREES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_rules_run_without_raising(tree: Path):
    ctx = LintContext(tagscan.scan(tree))
    for rule in OURS:
        for finding in rule().check(ctx):
            assert finding.rule == rule.id and finding.line >= 1 and finding.column >= 1
