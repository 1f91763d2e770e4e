"""SARIF 2.1.0 (OASIS), built by hand: one run, the rules that fired, 1-based regions.

Relative paths are given against ``%SRCROOT%`` (the directory tagscan ran in), which is
how code-scanning uploads resolve them; columns count Unicode code points.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from tagscan.json_output import dumps
from tagscan.lint.rule import Finding
from tagscan.report import Report, rule_doc

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(file: str) -> dict[str, str]:
    path = PurePosixPath(file)
    # A file name that is not UTF-8 (kept as surrogate escapes) is percent-encoded byte for byte.
    uri = quote(str(path), errors="surrogateescape")
    if path.is_absolute():
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _rule_descriptor(rule_id: str, report: Report, fired: Finding) -> dict[str, Any]:
    rule = report.rules.get(rule_id)
    summary = getattr(rule, "summary", "") or fired.name
    doc = rule_doc(rule) if rule is not None else summary
    severity = rule.severity if rule is not None else fired.severity
    return {
        "id": rule_id,
        "name": fired.name,
        "shortDescription": {"text": summary},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[severity]},
    }


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _artifact(file), "region": {"startLine": line, "startColumn": column}}}


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    text = finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [_location(finding.file, finding.line, finding.column)],
    }
    if finding.related:
        # The other models of a shared table's problem; ids are unique within the result.
        result["relatedLocations"] = [
            {"id": number, **_location(r.file, r.line, r.column), "message": {"text": r.message}}
            for number, r in enumerate(finding.related, 1)
        ]
    return result


def document(report: Report) -> dict[str, Any]:
    first_of_rule: dict[str, Finding] = {}
    for finding in report.findings:
        first_of_rule.setdefault(finding.rule, finding)
    fired = sorted(first_of_rule)
    index = {rule_id: position for position, rule_id in enumerate(fired)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tagscan",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "rules": [_rule_descriptor(r, report, first_of_rule[r]) for r in fired],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.rule]) for f in report.findings],
                "properties": {"configuration": list(report.configurations)},
            }
        ],
    }


def render(report: Report) -> str:
    return dumps(document(report)).decode()
