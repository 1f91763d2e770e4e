"""The rule registry: its metadata and docs are sound, docs/rules.md matches it, `rules`/`explain` show it."""

from __future__ import annotations

import importlib
import json
import re

import pytest

from tagscan.cli.app import app
from tagscan.lint.catalog import rules_markdown
from tagscan.lint.engine import OWN_RULES, known_rules
from tagscan.lint.rule import SEVERITY_RANK, Rule
from tagscan.rules import ALL_RULES
from tests.conftest import ROOT

DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:")
RULE_MODULES = sorted((ROOT / "tagscan" / "rules").glob("ts*.py"))


def test_ids_and_names_are_unique_and_well_formed():
    ids = [rule.id for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(ids)) == len(ids), "duplicate rule ids"
    assert len(set(names)) == len(names), "duplicate rule names"
    assert ids == sorted(ids), "ALL_RULES must be in id order"
    for rule in ALL_RULES:
        assert re.fullmatch(r"TS\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_each_rule_is_documented_and_configured(rule):
    assert issubclass(rule, Rule)
    assert rule.severity in SEVERITY_RANK
    assert isinstance(rule.enabled_by_default, bool) and isinstance(rule.needs_against, bool)
    assert rule.summary and not rule.summary.endswith(".")
    doc = rule.__doc__ or ""
    positions = [doc.find(section) for section in DOC_SECTIONS]
    assert -1 not in positions, f"{rule.id} docstring lacks {[s for s, p in zip(DOC_SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions), f"{rule.id} docstring sections are out of order"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.stem)
def test_every_rule_module_is_one_registered_documented_rule(path, runner):
    """tsNNN_kebab_name.py holds the rule TSNNN kebab-name, ALL_RULES has it and `explain` prints its docs."""
    module = importlib.import_module(f"tagscan.rules.{path.stem}")
    defined = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Rule) and v.__module__ == module.__name__]
    assert len(defined) == 1, f"{path.name} defines {len(defined)} rules"
    rule = defined[0]
    number, _, words = path.stem.partition("_")
    assert (rule.id, rule.name) == (number.upper(), words.replace("_", "-"))
    assert rule in ALL_RULES, f"{rule.id} is not in tagscan.rules.ALL_RULES"
    explained = runner.invoke(app, ["explain", rule.id])
    assert explained.exit_code == 0
    assert all(section in explained.stdout for section in DOC_SECTIONS)


def test_the_engine_rules_are_the_registered_rule_classes():
    assert set(OWN_RULES) <= set(ALL_RULES)
    assert known_rules([]) == list(OWN_RULES)


def test_docs_rules_table_is_in_sync_with_the_registry():
    expected = rules_markdown(known_rules(ALL_RULES))
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `tagscan rules --format markdown > docs/rules.md`"


def test_rules_command_lists_the_registry(runner):
    text = runner.invoke(app, ["rules"])
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0].split() == ["ID", "NAME", "SEVERITY", "DEFAULT", "SUMMARY"]
    assert len(text.stdout.splitlines()) == len(ALL_RULES) + 1
    listed = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert [entry["id"] for entry in listed] == [rule.id for rule in ALL_RULES]
    off = {entry["id"] for entry in listed if not entry["enabled_by_default"]}
    assert off == {rule.id for rule in ALL_RULES if not rule.enabled_by_default} and "TS006" in off


@pytest.mark.parametrize("key", ["TS208", "ts208", "invalid-ttl-type"])
def test_explain_prints_the_documentation(runner, key):
    result = runner.invoke(app, ["explain", key])
    assert result.exit_code == 0
    assert result.stdout.startswith("TS208 invalid-ttl-type (error, on by default)\n\n## What it does\n")
    assert "Use instead:" in result.stdout


@pytest.mark.parametrize(("key", "suggestion"), [("TS2088", "TS208"), ("invalid-tll-type", "invalid-ttl-type")])
def test_explain_unknown_rule_exits_2_with_a_suggestion(runner, key, suggestion):
    result = runner.invoke(app, ["explain", key])
    assert result.exit_code == 2
    assert result.stderr == f"tagscan: error: unknown rule {key!r}; did you mean {suggestion!r}?\n"
