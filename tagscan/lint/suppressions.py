"""``//tagscan:ignore ID[,ID] reason`` comments: which findings they silence, which are unused.

A suppression silences findings of its rules on its own line and the line below (the
comment on the offending line, or on the line above it). On a struct's ``type`` line
(``Suppression.struct`` set) it silences the whole struct, from its ``type`` line to the end
of its declaration; a struct whose end is unknown (``end_line`` 0, hand-built IR) is taken to
run until the next model or component of the same file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tagscan.lint.rule import Finding
from tagscan.lint.selection import RuleInfo
from tagscan.model import Component, Model, ScanResult, Suppression


@dataclass(frozen=True)
class UnusedEntry:
    suppression: Suppression
    rule: str  # the id as resolved, or the text as written when no rule has that id or name
    known: bool


@dataclass
class SuppressionOutcome:
    kept: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    unused: list[UnusedEntry] = field(default_factory=list)


@dataclass(frozen=True)
class _Scope:
    suppression: Suppression
    first_line: int
    last_line: float  # inclusive; math.inf when the struct is the last one of its file

    def covers(self, finding: Finding) -> bool:
        return finding.file == self.suppression.file and self.first_line <= finding.line <= self.last_line


def _declarations_by_file(scan: ScanResult) -> dict[str, list[tuple[int, str, int]]]:
    by_file: dict[str, list[tuple[int, str, int]]] = {}
    declarations: list[Model | Component] = [*scan.models, *scan.components]
    for decl in declarations:
        by_file.setdefault(decl.file, []).append((decl.line, decl.name, decl.end_line))
    for decls in by_file.values():
        decls.sort()
    return by_file


def _scope(suppression: Suppression, decls: Sequence[tuple[int, str, int]]) -> _Scope:
    line_scope = _Scope(suppression, suppression.line, suppression.line + 1)
    if suppression.struct is None:
        return line_scope
    for position, (line, name, end_line) in enumerate(decls):
        if name == suppression.struct:
            following = [later for later, _, _ in decls[position + 1 :] if later > line]
            end: float = end_line or (following[0] - 1 if following else math.inf)
            return _Scope(suppression, min(line, suppression.line), max(end, suppression.line + 1))
    return line_scope


def resolve_ids(written: Iterable[str], rules: Sequence[RuleInfo]) -> list[tuple[str, bool]]:
    """Map each id or kebab name as written to ``(rule id, known)``; unknown text stays as is."""
    by_key = {rule.id: rule.id for rule in rules} | {rule.name: rule.id for rule in rules}
    resolved = []
    for text in written:
        rule_id = by_key.get(text) or by_key.get(text.upper())
        resolved.append((rule_id, True) if rule_id else (text, False))
    return resolved


def apply_suppressions(
    findings: Iterable[Finding],
    scan: ScanResult,
    rules: Sequence[RuleInfo],
    enabled: set[str],
) -> SuppressionOutcome:
    """Drop suppressed findings; list the (suppression, rule) pairs that silenced nothing.

    A rule that did not run cannot make its suppression unused, so only enabled or unknown
    ids are reported as unused.
    """
    decls = _declarations_by_file(scan)
    scopes = [(_scope(s, decls.get(s.file, [])), resolve_ids(s.rules, rules)) for s in scan.suppressions]
    used: set[tuple[int, str]] = set()
    outcome = SuppressionOutcome()
    for finding in findings:
        hits = [
            index
            for index, (scope, ids) in enumerate(scopes)
            if (finding.rule, True) in ids and scope.covers(finding)
        ]
        used.update((index, finding.rule) for index in hits)
        if hits:
            outcome.suppressed += 1
        else:
            outcome.kept.append(finding)
    for index, (scope, ids) in enumerate(scopes):
        for rule_id, known in dict.fromkeys(ids):
            if (index, rule_id) not in used and (not known or rule_id in enabled):
                outcome.unused.append(UnusedEntry(scope.suppression, rule_id, known))
    return outcome
