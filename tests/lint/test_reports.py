"""Each output format on the same findings; SARIF validated against the vendored OASIS schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tagscan.lint.engine import OWN_RULES
from tagscan.lint.rule import Finding
from tagscan.report import Report, render
from tests.conftest import FIXTURES
from tests.lint.conftest import make_rule

TTL = make_rule("TS208", "invalid-ttl-type")
DUP = make_rule("TS301", "duplicate-attribute-name", severity="warning")
SOURCE = {
    "models/session.go": ["package models", "", "type Session struct {", "\tID string `dynamorm:\"pk\"`",
                          "\tExpiresAt time.Time `dynamorm:\"ttl\"`", "}"],
}
FINDINGS = (
    Finding("TS208", "invalid-ttl-type", "error", "ttl field must be int64 or uint64", "models/session.go", 5, 2,
            hint="declare the field int64"),
    Finding("TS301", "duplicate-attribute-name", "warning", "attribute \"id\" is written by ID, Id",
            "models/session.go", 4, 2),
    Finding("TS003", "rule-crashed", "error", "rule TS999 (x) crashed: KeyError: 'a,b'", "models", 1, 1),
    Finding("TS301", "duplicate-attribute-name", "info", "50%: a\nb", "other dir/ünï.go", 3, 7),
)
REPORT = Report(FINDINGS, rules={"TS208": TTL, "TS301": DUP, **{rule.id: rule for rule in OWN_RULES}}, suppressed=2,
                tool_version="0.1.0")


def read_line(file: str, line: int) -> str | None:
    lines = SOURCE.get(file)
    return lines[line - 1] if lines and line <= len(lines) else None


def test_text_position_source_line_caret_hint_and_summary():
    out = render(REPORT, "text", read_line=read_line).splitlines()
    assert out[0] == "models/session.go:5:2: TS208 ttl field must be int64 or uint64"
    assert out[1] == "  |"
    assert out[2] == "5 |     ExpiresAt time.Time `dynamorm:\"ttl\"`"  # the tab expanded to 4 spaces
    assert out[3] == "  |     ^ error: invalid-ttl-type"  # caret under the E of ExpiresAt
    assert out[4] == "  = hint: declare the field int64"
    assert "models:1:1: TS003 rule TS999 (x) crashed: KeyError: 'a,b'" in out
    assert "  = error: rule-crashed" in out  # no source line to show
    assert out[-1] == "Found 2 errors, 1 warning, 1 info; 2 suppressed."
    assert "\x1b[" not in "\n".join(out)


def test_text_colour_only_when_asked():
    coloured = render(REPORT, "text", color=True, read_line=read_line)
    assert "\x1b[1;31mTS208\x1b[0m" in coloured and "\x1b[1;33mTS301" in coloured
    assert render(Report(()), "text") == "All checks passed.\n"


def test_json_is_versioned_and_complete():
    document = json.loads(render(REPORT, "json"))
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "tagscan", "version": "0.1.0"}
    assert document["findings"][0] == {
        "rule": "TS208", "name": "invalid-ttl-type", "severity": "error",
        "message": "ttl field must be int64 or uint64", "file": "models/session.go", "line": 5, "column": 2,
        "hint": "declare the field int64", "models": [], "related": [],
    }
    assert [f["rule"] for f in document["findings"]] == ["TS208", "TS301", "TS003", "TS301"]
    assert document["summary"] == {"total": 4, "errors": 2, "warnings": 1, "info": 1, "suppressed": 2}
    assert render(REPORT, "json") == render(REPORT, "json")


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("findings", [FINDINGS, ()], ids=["findings", "clean"])
def test_sarif_validates_against_the_official_schema(sarif_validator, findings):
    document = json.loads(render(Report(findings, rules=REPORT.rules, tool_version="0.1.0"), "sarif"))
    errors = sorted(sarif_validator.iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif_lists_fired_rules_with_help_and_levels():
    run = json.loads(render(REPORT, "sarif"))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TS003", "TS208", "TS301"]
    ttl = rules[1]
    assert ttl["name"] == "invalid-ttl-type" and ttl["defaultConfiguration"] == {"level": "error"}
    assert ttl["help"]["text"].startswith("## What it does\nTest rule invalid-ttl-type.")
    assert rules[2]["defaultConfiguration"] == {"level": "warning"}
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("TS208", 1, "error"), ("TS301", 2, "warning"), ("TS003", 0, "error"), ("TS301", 2, "note"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "models/session.go", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 2},
    }
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "other%20dir/%C3%BCn%C3%AF.go"
    assert results[0]["message"]["text"] == "ttl field must be int64 or uint64\nHint: declare the field int64"


def test_github_annotations():
    lines = render(REPORT, "github").splitlines()
    assert lines[0] == (
        "::error file=models/session.go,line=5,col=2,title=TS208 invalid-ttl-type::"
        "ttl field must be int64 or uint64%0Ahint: declare the field int64"
    )
    assert lines[1].startswith("::warning file=models/session.go,line=4,col=2,title=TS301 duplicate-attribute-name::")
    assert lines[2] == "::error file=models,line=1,col=1,title=TS003 rule-crashed::rule TS999 (x) crashed: KeyError: 'a,b'"
    assert lines[3] == "::notice file=other dir/ünï.go,line=3,col=7,title=TS301 duplicate-attribute-name::50%25: a%0Ab"
    assert render(Report(()), "github") == ""


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_bytes_that_were_not_utf8_in_the_source_do_not_break_any_format(fmt):
    finding = Finding("TS213", "attribute-name-convention", "error", 'got "n\udcff"', "a.go", 7, 2)
    out = render(Report((finding,)), fmt)
    assert 'n\ufffd' in (json.loads(out)["findings"][0]["message"] if fmt == "json" else out)
    out.encode("utf-8")  # strict: must not raise
