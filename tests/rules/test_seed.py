"""Acceptance: the seed's own RateLimitRecord (construct-advice.md section 5, copied as written)."""

from __future__ import annotations

import tagscan
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES
from tagscan.rules.ts208_invalid_ttl_type import InvalidTtlType
from tests.conftest import FIXTURES

SEED = FIXTURES / "rules" / "seed"


def expires_at_position() -> tuple[int, int]:
    for number, line in enumerate((SEED / "models.go").read_text().splitlines(), start=1):
        if "ExpiresAt" in line:
            return number, line.index("ExpiresAt") + 1
    raise AssertionError("the seed model has no ExpiresAt field")


def test_seed_ttl_on_time_is_reported_with_the_orm_text_at_the_field():
    ctx = LintContext(tagscan.scan(SEED))
    [finding] = InvalidTtlType().check(ctx)
    assert (finding.file, finding.line, finding.column) == ("models.go", *expires_at_position())
    assert finding.message.startswith("field validation failed: invalid struct tag: ttl field must be int64 or uint64")
    assert "time.Time" in finding.message and finding.severity == "error"


def test_the_ttl_is_the_seeds_only_error():
    findings = run(LintContext(tagscan.scan(SEED)), ALL_RULES).findings
    assert [(f.rule, f.line) for f in findings if f.severity == "error"] == [("TS208", expires_at_position()[0])]
