"""The rules of this area carry exactly the ids, names and default severities of docs/architecture.md."""

from __future__ import annotations

import re

from tagscan.rules import ALL_RULES
from tests.conftest import ROOT

ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
RANGES = ("TS0", "TS1", "TS2", "TS3", "TS4", "TS5", "TS6")


def catalogue() -> dict[str, str]:
    """Rule id -> kebab name, from the rule-id table of the architecture notes."""
    rows = [line for line in ARCHITECTURE.splitlines() if line.startswith("| TS") and line[2:5].startswith(RANGES)]
    return {rule: name for row in rows for rule, name in re.findall(r"(TS\d{3}) ([a-z0-9-]+)", row)}


def test_ids_and_names_match_the_architecture_table():
    ours = {rule.id: rule.name for rule in ALL_RULES if rule.id.startswith(RANGES)}
    assert ours == catalogue()


def test_default_severities_follow_the_ranges():
    severity = {rule.id: rule.severity for rule in ALL_RULES}
    assert {r for r in severity if r.startswith("TS2")} <= {r for r, s in severity.items() if s == "error"}
    assert [r for r, s in severity.items() if r.startswith("TS3") and s != "warning"] == ["TS308"]
    assert (severity["TS004"], severity["TS601"], severity["TS602"], severity["TS603"]) == ("info", "warning", "info", "info")
    assert [rule.id for rule in ALL_RULES if not rule.enabled_by_default and rule.id < "TS700"] == ["TS006", "TS602", "TS603"]
