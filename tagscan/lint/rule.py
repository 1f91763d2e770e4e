"""What a lint rule is, and what it reports.

A rule is a class in its own module under ``tagscan/rules/``: class attributes carry its
metadata, its docstring is its documentation (``## What it does``, ``## Why is this bad?``,
``## Example``, ``Use instead:``), and ``check`` yields findings from the model IR alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from tagscan.model import Location, ScanResult, Severity, _Record

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding(_Record):
    rule: str  # the id, e.g. "TS208"
    name: str  # the kebab name, e.g. "invalid-ttl-type"
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)


@dataclass(frozen=True)
class LintContext:
    """What rules look at: the scan, and the CloudFormation templates given with ``--against``."""

    scan: ScanResult
    against: tuple[Any, ...] = ()


class Rule:
    """Base class; subclasses set the class attributes and implement ``check``."""

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    enabled_by_default: ClassVar[bool] = True
    needs_against: ClassVar[bool] = False  # runs only when templates are given

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        at: Location,
        message: str,
        *,
        hint: str | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            name=self.name,
            severity=self.severity,
            message=message,
            file=at.file,
            line=at.line,
            column=at.column,
            hint=hint,
        )
