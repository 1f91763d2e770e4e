"""The engine: which rules run, crash isolation, ordering, severities, exclusion."""

from __future__ import annotations

import pytest

from tagscan.errors import ConfigError
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.lint.selection import Layer
from tests.lint.conftest import make_rule, scan_result

TTL = make_rule("TS208", "invalid-ttl-type", [("a.go", 5, 2)])
VERSION = make_rule("TS209", "invalid-version-type", [("a.go", 3, 2)])
DUP = make_rule("TS301", "duplicate-attribute-name", [("a.go", 4, 2)], severity="warning")
OPT_IN = make_rule("TS603", "env-var-convention", [("b.go", 1, 1)], severity="info", enabled_by_default=False)
AGAINST = make_rule("TS701", "model-without-table", [("a.go", 1, 6)], needs_against=True)
RULES = [TTL, VERSION, DUP, OPT_IN, AGAINST]


def rule_ids(ctx: LintContext, rules=RULES, **options) -> list[str]:
    return [f.rule for f in run(ctx, rules, **options).findings]


def test_default_runs_enabled_rules_only_and_sorts_by_position(ctx):
    assert rule_ids(ctx) == ["TS209", "TS301", "TS208"]  # a.go lines 3, 4, 5


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (["TS2"], ["TS209", "TS208"]),
        (["TS20"], ["TS209", "TS208"]),
        (["invalid-ttl-type"], ["TS208"]),
        (["ts301"], ["TS301"]),
        (["TS"], ["TS209", "TS301", "TS208"]),  # a prefix never enables an opt-in rule
        (["TS6"], []),
        (["TS603"], ["TS603"]),
        (["env-var-convention", "TS208"], ["TS208", "TS603"]),
        (["ALL"], ["TS209", "TS301", "TS208", "TS603"]),
    ],
)
def test_select_by_prefix_id_name_or_all(ctx, select, expected):
    assert rule_ids(ctx, select=select) == expected


@pytest.mark.parametrize(
    ("ignore", "expected"),
    [(["TS2"], ["TS301"]), (["invalid-version-type"], ["TS301", "TS208"]), (["TS"], [])],
)
def test_ignore_by_prefix_or_name(ctx, ignore, expected):
    assert rule_ids(ctx, ignore=ignore) == expected


def test_later_layer_select_replaces_and_ignore_subtracts(ctx):
    config = Layer("pyproject.toml", select=("TS3",), ignore=("TS301",))
    assert rule_ids(ctx, layers=[config]) == []
    assert rule_ids(ctx, layers=[config], select=["TS2"]) == ["TS209", "TS208"]
    assert rule_ids(ctx, layers=[Layer("cfg", ignore=("TS208",))], ignore=["TS209"]) == ["TS301"]


def test_unknown_selector_is_a_config_error_with_origin_and_suggestion(ctx):
    with pytest.raises(ConfigError, match=r"pyproject.toml: unknown rule selector 'TS2O8'; did you mean 'TS208'\?"):
        run(ctx, RULES, layers=[Layer("pyproject.toml", select=("TS2O8",))])
    with pytest.raises(ConfigError, match=r"did you mean 'invalid-ttl-type'"):
        run(ctx, RULES, ignore=["invalid-tll-type"])


def test_rules_needing_templates_run_only_with_templates():
    scan = scan_result()
    assert "TS701" not in rule_ids(LintContext(scan))
    assert "TS701" in rule_ids(LintContext(scan, against=({"Resources": {}},)))


def test_a_crashing_rule_becomes_a_ts003_finding_and_the_others_still_run(ctx):
    broken = make_rule("TS210", "set-on-non-slice", [("a.go", 9, 1)], crash=True)
    findings = run(ctx, [TTL, broken]).findings
    assert [f.rule for f in findings] == ["TS003", "TS208"]
    crash = findings[0]
    assert crash.severity == "error" and crash.name == "rule-crashed"
    assert "TS210 (set-on-non-slice) crashed: KeyError" in crash.message
    # whatever the selection: a crash hidden by `--select TS2` would read as "All checks passed"
    assert [f.rule for f in run(ctx, [TTL, broken], select=["TS21"]).findings] == ["TS003"]
    assert "TS003" not in rule_ids(ctx, [TTL, broken], ignore=["TS210"])  # silence the broken rule itself


def test_duplicates_are_dropped_and_order_is_file_line_column_rule(ctx):
    twice = make_rule("TS205", "duplicate-index-key", [("b.go", 2, 1), ("a.go", 7, 3), ("b.go", 2, 1)])
    same_spot = make_rule("TS204", "index-missing-partition-key", [("a.go", 7, 3), ("a.go", 7, 1)])
    findings = run(ctx, [twice, same_spot]).findings
    assert [(f.file, f.line, f.column, f.rule) for f in findings] == [
        ("a.go", 7, 1, "TS204"), ("a.go", 7, 3, "TS204"), ("a.go", 7, 3, "TS205"), ("b.go", 2, 1, "TS205"),
    ]


def test_severity_overrides_most_specific_wins(ctx):
    findings = run(ctx, RULES, severities={"TS2": "info", "invalid-ttl-type": "warning", "TS301": "error"}).findings
    assert {f.rule: f.severity for f in findings} == {"TS208": "warning", "TS209": "info", "TS301": "error"}


def test_unknown_severity_selector_names_its_origin(ctx):
    with pytest.raises(ConfigError, match="tagscan.toml: severity: unknown rule selector 'TS999'"):
        run(ctx, RULES, severities={"TS999": "info"}, severities_origin="tagscan.toml: severity")


@pytest.mark.parametrize(
    ("pattern", "kept"),
    [("a.go", ["b.go"]), ("gen", ["a.go"]), ("*/zz_*.go", ["a.go"]), ("gen/*", ["a.go"]), ("x", ["a.go", "b.go"])],
)
def test_exclude_drops_findings_in_matching_files_or_directories(ctx, pattern, kept):
    rule = make_rule("TS208", "invalid-ttl-type", [("a.go", 1, 1), ("gen/zz_model.go", 1, 1)])
    files = [f.file for f in run(ctx, [rule], exclude=[pattern]).findings]
    expected = {"a.go": "a.go", "b.go": "gen/zz_model.go"}
    assert files == [expected[k] for k in kept]


def test_an_empty_selector_selects_nothing_and_is_reported(ctx):
    with pytest.raises(ConfigError, match="tagscan.toml: unknown rule selector ''"):
        run(ctx, RULES, layers=[Layer("tagscan.toml", select=("",))])


def test_exclude_patterns_may_be_written_relative_to_the_configuration_file(ctx):
    rule = make_rule("TS208", "invalid-ttl-type", [("a.go", 1, 1), ("gen/zz_model.go", 1, 1)])
    result = run(ctx, [rule], exclude=["svc/models/gen"], exclude_base="svc/models")
    assert [f.file for f in result.findings] == ["a.go"]
    assert [f.file for f in run(ctx, [rule], exclude=["svc/models/gen"]).findings] == ["a.go", "gen/zz_model.go"]
