"""Run rules over a scan: selection, crash isolation, exclusion, suppressions, severities.

The engine itself reports three rules: TS003 (a rule crashed), TS005 (a suppression
without a reason) and TS006 (an unused suppression, off by default). Their modules in
``tagscan.rules`` are their one description; they are known whatever registry the engine runs.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.lint.selection import Layer, RuleInfo, enabled_rules, severity_overrides
from tagscan.lint.suppressions import UnusedEntry, apply_suppressions
from tagscan.model import Severity, Suppression
from tagscan.rules.ts003_rule_crashed import RuleCrashed
from tagscan.rules.ts005_suppression_without_reason import SuppressionWithoutReason
from tagscan.rules.ts006_unused_suppression import UnusedSuppression

if TYPE_CHECKING:
    from tagscan.config import Config

OWN_RULES: tuple[type[Rule], ...] = (RuleCrashed, SuppressionWithoutReason, UnusedSuppression)
SCAN_ROOT = "."  # the file of findings that belong to no source file (a crashed rule)


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]  # sorted by file, line, column, rule; no duplicates
    suppressed: int  # findings silenced by //tagscan:ignore comments
    rules_run: tuple[str, ...]  # ids


def known_rules(rules: Iterable[type[Rule]]) -> list[RuleInfo]:
    """The registry plus the engine's own rules it does not hold, sorted by id."""
    registered: list[RuleInfo] = list(rules)
    ids = {rule.id for rule in registered}
    return sorted(registered + [rule for rule in OWN_RULES if rule.id not in ids], key=lambda r: r.id)


def _finding(meta: RuleInfo, file: str, line: int, column: int, message: str, hint: str | None = None) -> Finding:
    return Finding(meta.id, meta.name, meta.severity, message, file, line, column, hint)


def _check(rule: type[Rule], ctx: LintContext, crashed: RuleInfo) -> list[Finding]:
    try:
        return list(rule().check(ctx))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
        return [
            _finding(
                crashed,
                SCAN_ROOT,
                1,
                1,
                f"rule {rule.id} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
                hint="this is a bug in tagscan; ignore the rule with --ignore until it is fixed",
            )
        ]


def _reasonless_findings(suppressions: Iterable[Suppression], meta: RuleInfo) -> list[Finding]:
    return [
        _finding(
            meta, s.file, s.line, s.column, f"//tagscan:ignore {','.join(s.rules)} gives no reason",
            hint="say why after the ids: //tagscan:ignore TS123 <reason>",
        )
        for s in suppressions
    ]


def _unused_findings(entries: Iterable[UnusedEntry], meta: RuleInfo) -> list[Finding]:
    return [
        _finding(
            meta, entry.suppression.file, entry.suppression.line, entry.suppression.column,
            f"unused suppression of {entry.rule}" if entry.known else f"suppression names unknown rule {entry.rule!r}",
            hint="remove it from the //tagscan:ignore comment",
        )
        for entry in entries
    ]


def _with_parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]


def is_excluded(file: str, patterns: Sequence[str], base: str = "") -> bool:
    """True when a pattern matches the path or one of its parent directories (``gen`` excludes ``gen/a.go``).

    ``file`` is relative to the scan root; with ``base`` (the scan root as seen from the
    configuration file's directory) patterns written relative to that directory match too.
    """
    candidates = _with_parents(file) + (_with_parents(f"{base}/{file}") if base else [])
    return any(fnmatch.fnmatchcase(candidate, pattern) for pattern in patterns for candidate in candidates)


def run(
    ctx: LintContext,
    rules: Iterable[type[Rule]],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    layers: Sequence[Layer] = (),
    severities: Mapping[str, Severity] | None = None,
    severities_origin: str = "severity",
    exclude: Sequence[str] = (),
    exclude_base: str = "",
) -> LintResult:
    """Run the enabled rules and return their findings after suppressions and overrides.

    ``layers`` (config file, then command line) are applied in order, then ``select`` and
    ``ignore`` as a last layer. ``severities`` maps an id, prefix or name to a severity.
    Unknown selectors raise ``ConfigError`` naming their origin. Findings in files that
    match ``exclude`` (see ``is_excluded``) are dropped.
    """
    rules = list(rules)
    known = known_rules(rules)
    meta = {rule.id: rule for rule in known}
    all_layers = [*layers, Layer("arguments", tuple(select) if select is not None else None, tuple(ignore))]
    enabled = enabled_rules(known, all_layers)
    runnable = [r for r in rules if r.id in enabled and (ctx.against or not r.needs_against)]

    def excluded(file: str) -> bool:
        return is_excluded(file, exclude, exclude_base)

    raw: list[Finding] = []
    for rule in sorted(runnable, key=lambda r: r.id):
        # A crash is reported whatever the selection: `--select TS7` must not turn it into "All checks passed".
        raw.extend(
            f for f in _check(rule, ctx, meta[RuleCrashed.id])
            if (f.rule in enabled or f.rule == RuleCrashed.id) and not excluded(f.file)
        )
    outcome = apply_suppressions(raw, ctx.scan, known, enabled)
    findings = outcome.kept
    if SuppressionWithoutReason.id in enabled:
        reasonless = [s for s in ctx.scan.suppressions if not s.reason.strip() and not excluded(s.file)]
        findings += _reasonless_findings(reasonless, meta[SuppressionWithoutReason.id])
    if UnusedSuppression.id in enabled:
        unused = [entry for entry in outcome.unused if not excluded(entry.suppression.file)]
        findings += _unused_findings(unused, meta[UnusedSuppression.id])

    overrides = severity_overrides(known, severities or {}, severities_origin)
    findings = [
        dataclasses.replace(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings
    ]
    unique = sorted(set(findings), key=lambda f: (*f.sort_key(), f.message, f.severity))
    return LintResult(tuple(unique), outcome.suppressed, tuple(r.id for r in runnable))


def run_configured(
    ctx: LintContext, rules: Iterable[type[Rule]], config: Config, *, layers: Sequence[Layer] = ()
) -> LintResult:
    """``run`` with a project configuration's selection, severities and exclusions, then ``layers``
    (the command line's selectors) on top."""
    return run(
        ctx,
        rules,
        layers=[Layer(config.origin, config.select, config.ignore), *layers],
        severities=config.severity,
        severities_origin=f"{config.origin}: severity",
        exclude=config.exclude,
        exclude_base=_exclude_base(Path(ctx.scan.root), config.source),
    )


def _exclude_base(root: Path, source: Path | None) -> str:
    """The scan root as seen from the configuration file's directory, where `exclude` patterns are written."""
    if source is None:
        return ""
    try:
        relative = root.resolve().relative_to(source.resolve().parent).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative
