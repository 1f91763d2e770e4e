"""Rule outcomes that depend on scanner behaviour known to be wrong (reported to the scanner area).

Strict xfail: when the scanner is fixed these start passing, fail the run, and the marker goes.
"""

from __future__ import annotations

import pytest

import tagscan
from tagscan.lint.rule import LintContext
from tagscan.rules.ts211_invalid_lifecycle_type import InvalidLifecycleType

NAMED_TIME = """package models

import "time"

type Stamp time.Time

type Order struct {
	ID        string `dynamorm:"pk"`
	UpdatedAt Stamp  `dynamorm:"updated_at"`
}
"""


@pytest.mark.xfail(strict=True, reason="scanner sets GoType.is_time for `type Stamp time.Time` (model.py: named copies are not time.Time)")
def test_named_copy_of_time_is_not_a_lifecycle_type(tmp_path):
    (tmp_path / "models.go").write_text(NAMED_TIME)
    findings = list(InvalidLifecycleType().check(LintContext(tagscan.scan(tmp_path))))
    assert [f.line for f in findings] == [9]
