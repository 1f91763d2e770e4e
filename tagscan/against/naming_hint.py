"""The hint for an attribute name that differs only in case or naming convention."""

from __future__ import annotations

import re


def same_but_for_naming(orm: str, table: str) -> bool:
    def fold(name: str) -> str:
        return re.sub(r"[_\-]", "", name).lower()

    return orm != table and fold(orm) == fold(table)


def naming_hint(orm: str | None, table: str | None) -> str | None:
    """`the ORM writes windowTime; the table declares WindowTime; ...` when only the naming differs."""
    if orm is None or table is None or not same_but_for_naming(orm, table):
        return None
    return f"the ORM writes `{orm}`; the table declares `{table}`; did the ORM's default naming change (v1.0.31)?"
