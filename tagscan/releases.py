"""The ORM's releases and what each one's registry does (the matrix of orm-versions.md), as data.

A rule set is named by the first release it applies to: ``"3.0.2"`` is how TableTheory 3.0.2 and
later 3.x releases register a model. The scanner picks one per model from its go.mod
(``tagscan.scanner.gomod``); the scanner, the lint rules and the exporters ask it what to do.
Like the IR, this module imports nothing from the project.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

DYNAMORM_MODULE = "github.com/pay-theory/dynamorm"
TABLETHEORY_MODULE = "github.com/theory-cloud/tabletheory"

# Oldest first; the name is the first release the rules apply to.
_LABELS = {
    "1.0.0": "DynamORM 1.0.0-1.0.30",
    "1.0.31": "DynamORM 1.0.31+ / TableTheory up to 1.3",
    "1.7.0": "TableTheory 1.7",
    "2.0.0": "TableTheory 2.x",
    "3.0.0": "TableTheory 3.0.0-3.0.1",
    "3.0.2": "TableTheory 3.x (3.0.2+)",
    "4.0.0": "TableTheory 4 (main)",
}
RULE_SETS = tuple(_LABELS)
NEWEST = RULE_SETS[-1]
_ORDER = {name: position for position, name in enumerate(RULE_SETS)}

# `naming:` values each release recognises (case-sensitive).
_NAMING_1_0_31 = {"snake_case": "snake_case", "camel_case": "camelCase", "camelCase": "camelCase"}
_NAMING_1_7 = _NAMING_1_0_31 | {
    "pascal_case": "pascalCase", "pascalCase": "pascalCase",
    "dynamorm": "dynamorm", "legacy_dynamorm": "dynamorm", "legacyDynamORM": "dynamorm",
}


@dataclass(frozen=True)
class Rules:
    """One rule set: ``Rules("3.0.2")``, or ``Rules.of("3.0.2")`` for the one shared object whose
    answers are computed once (a scan asks them for every field). Ordered by release."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in _LABELS:
            raise ValueError(f"unknown ORM rule set {self.name!r} (one of {', '.join(RULE_SETS)})")

    @staticmethod
    @functools.cache
    def of(name: str) -> Rules:
        return Rules(name)

    @functools.cached_property
    def label(self) -> str:
        return _LABELS[self.name]

    def since(self, name: str) -> bool:
        """Whether these rules are those of rule set `name` or a later one."""
        return _ORDER[self.name] >= _ORDER[name]

    @functools.cached_property
    def naming_markers(self) -> dict[str, str]:
        """`naming:` value -> convention; empty before 1.0.31 (no conventions, Go names verbatim)."""
        if not self.since("1.0.31"):
            return {}
        return _NAMING_1_7 if self.since("1.7.0") else _NAMING_1_0_31

    @functools.cached_property
    def first_attr_wins(self) -> bool:
        """The first `attr:` names the attribute, untrimmed (1.7+); before, the last one, trimmed."""
        return self.since("1.7.0")

    @functools.cached_property
    def empty_attr(self) -> str:
        """What an empty `attr:` does: "error" (up to 1.3), "convention" (1.7-3.x), "invalid" (4)."""
        if self.since("4.0.0"):
            return "invalid"
        return "convention" if self.since("1.7.0") else "error"

    def field_error(self, go_name: str, error: str) -> str:
        """`parseField`'s wrapper around a field's error: with the Go name from 2.x."""
        if self.since("2.0.0"):
            return f"field {go_name} validation failed: {error}"
        return f"field validation failed: {error}"

    def encrypted_key_error(self, go_name: str) -> str:
        where = f"field {go_name}: " if self.since("2.0.0") else ""
        return f"invalid struct tag: {where}encrypted fields cannot be used as primary or index keys"

    @functools.cached_property
    def rejects_duplicate_attributes(self) -> bool:
        """Two fields with one attribute name, or an embedded Go name repeated: an error from 3.0.2."""
        return self.since("3.0.2")

    @functools.cached_property
    def skips_excluded_embeds(self) -> bool:
        """An embed tagged `theorydb:"-"` or `json:"-"` is skipped (4); before, it is flattened."""
        return self.since("4.0.0")

    @functools.cached_property
    def warns_lsi_prefix(self) -> bool:
        return self.since("2.0.0")

    @functools.cached_property
    def reads_projections(self) -> bool:
        """`TableTheoryIndexProjections()` sets index projections (2.x+); before, every index is ALL."""
        return self.since("2.0.0")

    @functools.cached_property
    def validates_write_policy(self) -> bool:
        return self.since("1.7.0")

    @functools.cached_property
    def bytes_as_binary(self) -> bool:
        """`[]byte` is written as B (sets NS/BS) from 2.x; before, as a list of numbers (L)."""
        return self.since("2.0.0")

    @functools.cached_property
    def dms_version(self) -> str:
        return "0.2" if self.since("3.0.0") else "0.1"


def is_tabletheory(module: str | None) -> bool:
    return module is not None and (module == TABLETHEORY_MODULE or module.startswith(TABLETHEORY_MODULE + "/v"))


def is_orm_module(module: str | None) -> bool:
    return module == DYNAMORM_MODULE or is_tabletheory(module)
