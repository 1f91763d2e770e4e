"""Attribute naming conventions, exactly as the ORM's ``pkg/naming`` converts and validates names."""

from __future__ import annotations

import re
import unicodedata

from tagscan.releases import Rules

CAMEL_CASE = "camelCase"
SNAKE_CASE = "snake_case"
VERBATIM = "verbatim"  # the Go field name: DynamORM up to v1.0.30
PASCAL_CASE = "pascalCase"  # TableTheory 1.7+: the Go field name, validated
DYNAMORM = "dynamorm"  # TableTheory 1.7+: camelCase, a standalone pk/sk named PK/SK
CONVENTIONS = (CAMEL_CASE, SNAKE_CASE, VERBATIM, PASCAL_CASE, DYNAMORM)


_CAMEL = re.compile(r"^[a-z][A-Za-z0-9]*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")


def _is_upper(ch: str) -> bool:
    return unicodedata.category(ch) == "Lu"


def _is_lower(ch: str) -> bool:
    return unicodedata.category(ch) == "Ll"


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def _lower(text: str) -> str:
    # Go lowers rune by rune and never lengthens a string ('İ' -> 'i'); Python may.
    return "".join(ch.lower()[0] for ch in text)


def camel_case(name: str) -> str:
    """``naming.DefaultAttrName``: lower the leading run of capitals (``GSI1PK`` -> ``gsI1PK``)."""
    if name in ("PK", "SK"):
        return name
    if len(name) == 1:
        return _lower(name)
    boundary = 1
    while boundary < len(name):
        if not _is_upper(name[boundary]):
            break
        if boundary + 1 < len(name) and not _is_upper(name[boundary + 1]):
            break
        boundary += 1
    return _lower(name[:boundary]) + name[boundary:]


def snake_case(name: str) -> str:
    """``naming.ToSnakeCase``."""
    out: list[str] = []
    for i, ch in enumerate(name):
        if _is_upper(ch) and i > 0:
            prev = name[i - 1]
            next_is_lower = i + 1 < len(name) and _is_lower(name[i + 1])
            if not _is_digit(prev) and (_is_lower(prev) or (_is_upper(prev) and next_is_lower)):
                out.append("_")
        out.append(_lower(ch))
    return "".join(out)


def attribute_name(go_name: str, convention: str) -> str:
    """The attribute name the ORM writes for an untagged (no ``attr:``) field."""
    if convention == SNAKE_CASE:
        return snake_case(go_name)
    if convention in (VERBATIM, PASCAL_CASE):
        return go_name
    return camel_case(go_name)


def naming_error(name: str, convention: str) -> str | None:
    """``naming.ValidateAttrName``'s error text for a tagged field's final name, or None."""
    if convention == VERBATIM:
        return None  # the ORM validated no names before v1.0.31
    if name == "":
        return "attribute name cannot be empty"
    if convention == SNAKE_CASE:
        return None if _SNAKE.fullmatch(name) else f'attribute name must be snake_case (got "{name}")'
    if convention == PASCAL_CASE:
        return None if _PASCAL.fullmatch(name) else f'attribute name must be pascalCase (got "{name}")'
    if name in ("PK", "SK") or _CAMEL.fullmatch(name):
        return None
    return f'attribute name must be camelCase (got "{name}")'


def convention_from_tag_value(value: str, rules: Rules) -> str | None:
    """The convention a model-level ``naming:`` value selects under `rules`; None for values the
    ORM ignores. Case-sensitive; trimmed up to 1.3, untrimmed from 1.7 (`naming: snake_case` is
    not recognised there)."""
    return rules.naming_markers.get(value if rules.since("1.7.0") else value.strip())


def default_convention(rules: Rules) -> str:
    """The convention of a model without a recognised ``naming:`` marker: the Go field name up to
    DynamORM v1.0.30, camelCase since."""
    return CAMEL_CASE if rules.since("1.0.31") else VERBATIM
