"""Attribute naming conventions, exactly as the ORM's ``pkg/naming`` converts and validates names."""

from __future__ import annotations

import re
import unicodedata

CAMEL_CASE = "camelCase"
SNAKE_CASE = "snake_case"
VERBATIM = "verbatim"  # the Go field name: DynamORM up to v1.0.30
CONVENTIONS = (CAMEL_CASE, SNAKE_CASE, VERBATIM)

DYNAMORM_MODULE = "github.com/pay-theory/dynamorm"
TABLETHEORY_MODULE = "github.com/theory-cloud/tabletheory"
FIRST_CAMEL_CASE_RELEASE = (1, 0, 31)

_CAMEL = re.compile(r"^[a-z][A-Za-z0-9]*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_TAG_VALUES = {"snake_case": SNAKE_CASE, "camel_case": CAMEL_CASE, "camelCase": CAMEL_CASE}
_SEMVER = re.compile(r"^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")


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
    if convention == VERBATIM:
        return go_name
    return camel_case(go_name)


def naming_error(name: str, convention: str) -> str | None:
    """``naming.ValidateAttrName``'s error text for a tagged field's final name, or None."""
    if convention == VERBATIM:
        return None  # the ORM validated no names before v1.0.31
    if name == "":
        return "attribute name cannot be empty"
    if convention == SNAKE_CASE:
        return None if _SNAKE.match(name) else f'attribute name must be snake_case (got "{name}")'
    if name in ("PK", "SK") or _CAMEL.match(name):
        return None
    return f'attribute name must be camelCase (got "{name}")'


def convention_from_tag_value(value: str) -> str | None:
    """The convention a model-level ``naming:`` value selects; None for values the ORM ignores."""
    return _TAG_VALUES.get(value.strip())


def parse_version(version: str) -> tuple[int, int, int, bool] | None:
    """(major, minor, patch, is_prerelease) of a Go module version, or None."""
    match = _SEMVER.match(version.strip())
    if not match:
        return None
    return int(match[1]), int(match[2]), int(match[3]), match[4] is not None


def default_convention(module_path: str | None, version: str | None) -> str:
    """The naming default the ORM version required in go.mod implies.

    DynamORM wrote Go field names verbatim up to v1.0.30 and camelCase from v1.0.31;
    TableTheory always defaults to camelCase. Unknown versions get the current default.
    """
    if module_path != DYNAMORM_MODULE or not version:
        return CAMEL_CASE
    parsed = parse_version(version)
    if parsed is None:
        return CAMEL_CASE
    major, minor, patch, prerelease = parsed
    release = (major, minor, patch)
    if release < FIRST_CAMEL_CASE_RELEASE or (release == FIRST_CAMEL_CASE_RELEASE and prerelease):
        return VERBATIM
    return CAMEL_CASE
