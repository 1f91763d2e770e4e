"""`//tagscan:ignore` comments: scope, reasons (TS005) and unused suppressions (TS006)."""

from __future__ import annotations

import dataclasses

import pytest

from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.model import Component
from tests.lint.conftest import make_rule, model, scan_result, suppression

TTL_AT_5 = make_rule("TS208", "invalid-ttl-type", [("a.go", 5, 2)])
DUP_AT_5 = make_rule("TS301", "duplicate-attribute-name", [("a.go", 5, 2)], severity="warning")


def lint(*suppressions, rules=(TTL_AT_5, DUP_AT_5), models=(), **options):
    return run(LintContext(scan_result(models, suppressions)), rules, **options)


@pytest.mark.parametrize(("line", "silenced"), [(5, True), (4, True), (3, False), (6, False)])
def test_applies_to_its_own_line_and_the_line_below(line, silenced):
    result = lint(suppression(line, "TS208"))
    assert ("TS208" not in [f.rule for f in result.findings]) is silenced
    assert "TS301" in [f.rule for f in result.findings]  # another rule on that line stays
    assert result.suppressed == int(silenced)


def test_other_file_is_not_silenced():
    assert [f.rule for f in lint(suppression(5, "TS208", file="b.go")).findings] == ["TS208", "TS301"]


def test_ids_may_be_kebab_names_and_several_per_comment():
    result = lint(suppression(5, "invalid-ttl-type", "TS301"))
    assert result.findings == () and result.suppressed == 2


def test_struct_suppression_without_an_end_line_runs_until_the_next_declaration():
    rule = make_rule("TS208", "invalid-ttl-type", [("a.go", 4, 2), ("a.go", 9, 2), ("a.go", 12, 2), ("a.go", 30, 2)])
    models = [model("Order", line=3), model("Invoice", line=20)]
    component = Component(name="Audit", package="p", dir=".", file="a.go", line=11, column=6, tag_key="dynamorm", used=True)
    scan = scan_result(models, [suppression(3, "TS208", struct="Order")], [component])
    lines = [f.line for f in run(LintContext(scan), [rule]).findings]
    assert lines == [12, 30]  # Order runs from line 3 to 10; Audit starts at 11


def test_struct_suppression_ends_where_the_struct_declaration_ends():
    rule = make_rule("TS208", "invalid-ttl-type", [("a.go", 4, 2), ("a.go", 8, 2), ("a.go", 12, 2)])
    order = dataclasses.replace(model("Order", line=3), end_line=8)
    scan = scan_result([order, model("Invoice", line=20)], [suppression(3, "TS208", struct="Order")])
    assert [f.line for f in run(LintContext(scan), [rule]).findings] == [12]  # e.g. its TableName() after it


def test_struct_suppression_on_the_last_struct_runs_to_the_end_of_the_file():
    rule = make_rule("TS208", "invalid-ttl-type", [("a.go", 400, 2), ("b.go", 400, 2)])
    scan = scan_result([model("Order", line=3)], [suppression(3, "TS208", struct="Order")])
    assert [f.file for f in run(LintContext(scan), [rule]).findings] == ["b.go"]


def test_a_suppression_without_reason_still_silences_but_is_reported():
    result = lint(suppression(5, "TS208", reason=""))
    assert [(f.rule, f.severity, f.column) for f in result.findings] == [("TS301", "warning", 2), ("TS005", "warning", 40)]
    ts005 = next(f for f in result.findings if f.rule == "TS005")
    assert ts005.column == 40 and "gives no reason" in ts005.message and ts005.hint


def test_unused_suppressions_are_opt_in():
    unused = suppression(8, "TS208")  # nothing on lines 8-9
    assert [f.rule for f in lint(suppression(8, "TS208")).findings] == ["TS208", "TS301"]
    assert [f.rule for f in lint(unused, select=["TS2", "TS006"]).findings] == ["TS208", "TS006"]


def test_unused_reports_each_unused_id_and_unknown_ids_but_not_rules_that_did_not_run():
    comment = suppression(5, "TS208", "TS209", "TS999", "TS301")
    version = make_rule("TS209", "invalid-version-type")
    findings = lint(comment, rules=(TTL_AT_5, DUP_AT_5, version), select=["TS208", "TS209", "TS006"]).findings
    messages = [f.message for f in findings if f.rule == "TS006"]
    assert messages == ["suppression names unknown rule 'TS999'", "unused suppression of TS209"]
    assert all(f.severity == "info" and f.line == 5 for f in findings)
