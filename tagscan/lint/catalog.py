"""The rule registry as users see it: ``tagscan rules``, ``tagscan explain`` and docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tagscan.errors import InputError
from tagscan.lint.selection import RuleInfo, did_you_mean

RULES_DOC_HEADER = (
    "# Rules\n\n"
    "Generated from the registry by `tagscan rules --format markdown > docs/rules.md`;\n"
    "a test keeps it in sync. `tagscan explain ID` prints a rule's full documentation;\n"
    "[lint.md](lint.md) tells how to select, configure and suppress rules.\n\n"
)


def describe(rule: RuleInfo) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity,
        "enabled_by_default": rule.enabled_by_default,
        "needs_against": getattr(rule, "needs_against", False),
        "summary": getattr(rule, "summary", ""),
    }


def find_rule(rules: Sequence[RuleInfo], key: str) -> RuleInfo:
    """The rule with this id (any case) or kebab name; ``InputError`` with a suggestion otherwise."""
    for rule in rules:
        if key.upper() == rule.id or key == rule.name:
            return rule
    raise InputError(f"unknown rule {key!r}{did_you_mean(key, rules)}")


def rules_json(rules: Sequence[RuleInfo]) -> str:
    return json.dumps([describe(rule) for rule in rules], indent=2) + "\n"


def rules_text(rules: Sequence[RuleInfo]) -> str:
    rows = [("ID", "NAME", "SEVERITY", "DEFAULT", "SUMMARY")] + [
        (r.id, r.name, r.severity, "on" if r.enabled_by_default else "off", getattr(r, "summary", ""))
        for r in rules
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths)) + "  " + row[4] + "\n"
        for row in rows
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown(rules: Sequence[RuleInfo]) -> str:
    lines = ["| ID | Name | Severity | Default | Summary |", "|---|---|---|---|---|"]
    for rule in rules:
        default = "on" if rule.enabled_by_default else "off"
        if getattr(rule, "needs_against", False):
            default += " (`--against`)"
        lines.append(
            f"| {rule.id} | `{rule.name}` | {rule.severity} | {default} | {_cell(getattr(rule, 'summary', ''))} |"
        )
    return RULES_DOC_HEADER + "\n".join(lines) + "\n"
