"""TS211 on lifecycle fields whose type is named after time.Time: only an alias is time.Time."""

from __future__ import annotations

import pytest

import tagscan
from tagscan.lint.rule import LintContext
from tagscan.rules.ts211_invalid_lifecycle_type import InvalidLifecycleType

MODELS = """package models

import "time"

type {declaration}

type Order struct {{
	ID        string `dynamorm:"pk"`
	UpdatedAt Stamp  `dynamorm:"updated_at"`
}}
"""


@pytest.mark.parametrize(
    ("declaration", "lines"),
    [
        ("Stamp time.Time", [9]),  # a defined type is another struct: the ORM rejects it
        ("Stamp = time.Time", []),  # an alias is time.Time itself
    ],
)
def test_only_an_alias_of_time_is_a_lifecycle_type(tmp_path, declaration, lines):
    (tmp_path / "models.go").write_text(MODELS.format(declaration=declaration))
    findings = list(InvalidLifecycleType().check(LintContext(tagscan.scan(tmp_path))))
    assert [f.line for f in findings] == lines
