"""What a lint rule is, and what it reports.

A rule is a class in its own module under ``tagscan/rules/``: class attributes carry its
metadata, its docstring is its documentation (``## What it does``, ``## Why is this bad?``,
``## Example``, ``Use instead:``), and ``check`` yields findings from the model IR alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from tagscan.model import JsonRecord, Location, ScanResult, Severity

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


T = TypeVar("T")


@dataclass(frozen=True)
class RelatedLocation(JsonRecord):
    """Another place a finding concerns (SARIF ``relatedLocations``): another model of a shared table."""

    file: str
    line: int
    column: int
    message: str  # what is there, e.g. "model Order"


@dataclass(frozen=True)
class Finding(JsonRecord):
    rule: str  # the id, e.g. "TS208"
    name: str  # the kebab name, e.g. "invalid-ttl-type"
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    hint: str | None = None
    models: tuple[str, ...] = ()  # every model the finding concerns, when it is about models' table
    related: tuple[RelatedLocation, ...] = ()  # the other models' places

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.rule)


@dataclass(frozen=True)
class LintContext:
    """What rules look at: the scan, and the CloudFormation templates given with ``--against``."""

    scan: ScanResult
    against: tuple[Any, ...] = ()
    bindings: tuple[tuple[str, str], ...] = ()  # [tool.tagscan.bindings]: model, env var or table name → table
    bindings_origin: str = "[tool.tagscan.bindings]"
    _computed: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def computed(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, once per context: what several rules read (the against issues) is worked out once."""
        if key not in self._computed:
            self._computed[key] = compute()
        return self._computed[key]  # type: ignore[no-any-return]


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
        models: tuple[str, ...] = (),
        related: tuple[RelatedLocation, ...] = (),
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
            models=models,
            related=related,
        )
