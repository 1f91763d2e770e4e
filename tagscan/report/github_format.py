"""GitHub Actions workflow commands: one ``::error file=...,line=...,col=...,title=...::message`` per finding."""

from __future__ import annotations

from tagscan.escaping import escape_controls
from tagscan.report import Report

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        properties = ",".join(
            f"{key}={_escape_property(escape_controls(str(value), keep_line_breaks=True))}"
            for key, value in (("file", f.file), ("line", f.line), ("col", f.column), ("title", f"{f.rule} {f.name}"))
        )
        message = escape_controls(f.message + (f"\nhint: {f.hint}" if f.hint else ""), keep_line_breaks=True)
        lines.append(f"::{_COMMAND[f.severity]} {properties}::{_escape_data(message)}\n")
    return "".join(lines)
