"""Which rules run, and at which severity: ``select``/``ignore`` selectors and overrides.

A selector is a rule id (``TS208``), an id prefix (``TS2``, ``TS20``, ``TS``), a kebab
name (``invalid-ttl-type``) or ``ALL``. Rules that are off by default run only when a
selector names them exactly (id or name) or is ``ALL``: a prefix never turns them on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tagscan.errors import ConfigError
from tagscan.model import Severity

SELECT_ALL = "ALL"


class RuleInfo(Protocol):
    """What selection needs to know about a rule (a ``Rule`` subclass satisfies it)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def enabled_by_default(self) -> bool: ...


@dataclass(frozen=True)
class Layer:
    """One source of selectors, applied in order: config file first, then the command line.

    ``select`` (when given) replaces the rules enabled so far; ``ignore`` removes rules.
    ``origin`` names the source in error messages.
    """

    origin: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


def _matches(selector: str, rule: RuleInfo, *, explicit_only: bool) -> bool:
    if not selector:
        return False
    if selector == SELECT_ALL or selector == rule.name or selector.upper() == rule.id:
        return True
    return not explicit_only and rule.id.startswith(selector.upper())


def _check_known(selectors: Iterable[str], rules: Sequence[RuleInfo], origin: str) -> None:
    for selector in selectors:
        if not any(_matches(selector, rule, explicit_only=False) for rule in rules):
            raise ConfigError(f"{origin}: unknown rule selector {selector!r}{did_you_mean(selector, rules)}")


def did_you_mean(word: str, rules: Sequence[RuleInfo]) -> str:
    """A ``"; did you mean 'x'?"`` suffix naming the closest rule id or name, or ``""``."""
    candidates = [rule.id for rule in rules] + [rule.name for rule in rules]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), candidates, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def enabled_rules(rules: Sequence[RuleInfo], layers: Sequence[Layer]) -> set[str]:
    """The ids of the rules that run, after applying each layer in order."""
    enabled = {rule.id for rule in rules if rule.enabled_by_default}
    for layer in layers:
        _check_known(layer.select or (), rules, layer.origin)
        _check_known(layer.ignore, rules, layer.origin)
        if layer.select is not None:
            enabled = {
                rule.id
                for rule in rules
                if any(
                    _matches(s, rule, explicit_only=not rule.enabled_by_default) for s in layer.select
                )
            }
        enabled -= {
            rule.id for rule in rules if any(_matches(s, rule, explicit_only=False) for s in layer.ignore)
        }
    return enabled


def _specificity(selector: str, rule: RuleInfo) -> int:
    if selector == SELECT_ALL:
        return 0
    if selector == rule.name or selector.upper() == rule.id:
        return 1000
    return len(selector)


def severity_overrides(
    rules: Sequence[RuleInfo], overrides: Mapping[str, Severity], origin: str
) -> dict[str, Severity]:
    """Map rule id -> severity; the most specific selector wins (exact, then longest prefix)."""
    _check_known(overrides, rules, origin)
    chosen: dict[str, tuple[int, Severity]] = {}
    for selector, severity in overrides.items():
        for rule in rules:
            if _matches(selector, rule, explicit_only=False):
                specificity = _specificity(selector, rule)
                if rule.id not in chosen or specificity >= chosen[rule.id][0]:
                    chosen[rule.id] = (specificity, severity)
    return {rule_id: severity for rule_id, (_, severity) in chosen.items()}
