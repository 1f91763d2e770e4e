"""Every rule on its Go fixture, the analysistest way: findings exactly on the `want` lines.

``fixtures/rules/TSnnn/*.go`` carry ``// want TSnnn "regex"`` on every line the rule must report
(``\\"`` for a quote inside, or a backquoted regex; several pairs per line; ``/* want ... */`` when
the line also holds a ``//tagscan:ignore`` comment); all other lines must stay clean. The fixture
is scanned with ``tagscan.scan`` and only that rule runs; rules the engine emits (suppression
checks) run through the engine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tagscan
from tagscan.lint.engine import run
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules import ALL_RULES
from tagscan.rules._helpers import EngineRule
from tests.conftest import FIXTURES

RULE_FIXTURES = FIXTURES / "rules"
WANT = re.compile(r"(?://|/\*)\s*want\s+(.*)")
EXPECTATION = re.compile(r'(TS\d{3})\s+(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`)')
NO_FIXTURE = {"TS003"}  # a crashing rule cannot be written in Go; tests/lint covers it
BY_ID = {rule.id: rule for rule in ALL_RULES}


def expectations(directory: Path, rule_id: str) -> dict[tuple[str, int], list[str]]:
    """(file, line) -> the message regexes wanted there for this rule."""
    wanted: dict[tuple[str, int], list[str]] = {}
    for path in sorted(directory.rglob("*.go")):
        text = path.read_bytes().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), start=1):
            comment = WANT.search(line)
            for found_id, quoted, raw in EXPECTATION.findall(comment.group(1) if comment else ""):
                if found_id == rule_id:
                    regex = raw or quoted.replace('\\"', '"')
                    wanted.setdefault((path.relative_to(directory).as_posix(), number), []).append(regex)
    return wanted


def findings_of(rule: type[Rule], directory: Path) -> list[Finding]:
    ctx = LintContext(tagscan.scan(directory))
    if issubclass(rule, EngineRule):
        return [f for f in run(ctx, ALL_RULES, select=["ALL"]).findings if f.rule == rule.id]
    return list(rule().check(ctx))


def fixture_dirs() -> list[Path]:
    return sorted(p for p in RULE_FIXTURES.iterdir() if re.fullmatch(r"TS\d{3}", p.name))


@pytest.mark.parametrize("directory", fixture_dirs(), ids=lambda p: p.name)
def test_rule_reports_exactly_the_wanted_lines(directory: Path):
    rule = BY_ID[directory.name]
    wanted = expectations(directory, rule.id)
    assert wanted, f"{directory.name} has no // want {rule.id} line"
    unexpected: list[str] = []
    for finding in findings_of(rule, directory):
        assert finding.rule == rule.id and finding.severity == rule.severity
        regexes = wanted.get((finding.file, finding.line), [])
        match = next((r for r in regexes if re.search(r, finding.message)), None)
        if match is None:
            unexpected.append(f"{finding.file}:{finding.line}: {finding.message}")
        else:
            regexes.remove(match)
    missing = [f"{file}:{line}: {regexes}" for (file, line), regexes in sorted(wanted.items()) if regexes]
    assert (unexpected, missing) == ([], [])


def test_every_rule_of_this_area_has_a_fixture():
    ours = {rule.id for rule in ALL_RULES if rule.id < "TS700"}
    assert ours - NO_FIXTURE == {p.name for p in fixture_dirs()}
