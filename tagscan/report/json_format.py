"""Machine output: a stable, versioned JSON document.

``schema_version`` changes only when a key is removed or changes meaning; new keys may be
added. Findings keep the engine's order (file, line, column, rule).
"""

from __future__ import annotations

import json

from tagscan.report import Report, counts

JSON_SCHEMA_VERSION = 1


def document(report: Report) -> dict[str, object]:
    tally = counts(report.findings)
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "tagscan", "version": report.tool_version},
        "configuration": list(report.configurations),
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": {
            "total": len(report.findings),
            "errors": tally["error"],
            "warnings": tally["warning"],
            "info": tally["info"],
            "suppressed": report.suppressed,
        },
    }


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
