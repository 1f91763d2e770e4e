"""Findings as text, JSON, SARIF 2.1.0 or GitHub workflow annotations: pure ``Report -> str``."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tagscan.json_output import valid_unicode
from tagscan.lint.rule import Finding
from tagscan.lint.selection import RuleInfo

FORMATS = ("text", "json", "sarif", "github")
MACHINE_FORMATS = frozenset({"json", "sarif", "github"})

LineReader = Callable[[str, int], "str | None"]  # (file, 1-based line) -> the line, or None


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)  # id -> rule, for documentation
    suppressed: int = 0
    tool_version: str = "0"
    configurations: tuple[str, ...] = ()  # the configuration files read


def counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    """Findings per severity, always with the three keys, most severe first."""
    tally = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        tally[finding.severity] += 1
    return tally


def rule_doc(rule: RuleInfo) -> str:
    """The rule's documentation: its class docstring, else its summary."""
    doc = rule.__doc__ if isinstance(rule, type) else None
    return inspect.cleandoc(doc) if doc else getattr(rule, "summary", "")


def render(report: Report, fmt: str, *, color: bool = False, read_line: LineReader | None = None) -> str:
    """Render in one of ``FORMATS`` as text any UTF-8 stream accepts; only that format's module is imported."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"tagscan.report.{fmt}_format")
    if fmt == "text":
        text: str = module.render(report, color=color, read_line=read_line or (lambda _file, _line: None))
    else:
        text = module.render(report)
    return valid_unicode(text)
