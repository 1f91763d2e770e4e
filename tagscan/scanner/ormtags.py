"""The ORM's own tag grammar (DynamORM ``registry.go``; TableTheory reads ``theorydb`` the same way).

``split_tags`` is ``splitTags`` (v1.0.37+), ``parse_tag`` applies ``applyTagPart`` to every
part and records what the ORM would reject, with the ORM's error texts, for lint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tagscan.model import IndexRole, TagPart

INDEX_MODIFIERS = ("pk", "sk", "sparse")
SIMPLE_DIRECTIVES = (
    "pk",
    "sk",
    "version",
    "ttl",
    "created_at",
    "updated_at",
    "set",
    "omitempty",
    "binary",
    "json",
    "encrypted",
)
# key:value directives the ORM acts on; any other key:value is silently stored and ignored.
KNOWN_KEY_VALUE = ("attr", "index", "lsi", "project", "encrypted", "naming")
INVALID_TAG = "invalid struct tag"


def split_tags(tag: str) -> list[str]:
    """Split a tag on commas, keeping pk/sk/sparse modifiers glued to an open index clause."""
    parts: list[str] = []
    current: str | None = None
    for raw in tag.split(","):
        part = raw.strip()
        if not part:
            continue
        if current is not None:
            if part in INDEX_MODIFIERS:
                current += "," + part
                continue
            parts.append(current)
            current = None
        if part.startswith("index:") or part.startswith("lsi:"):
            current = part
            continue
        parts.append(part)
    if current is not None:
        parts.append(current)
    return parts


def is_lsi_name(index_name: str) -> bool:
    """``determineIndexType``: an ``index:`` name with this prefix becomes an LSI."""
    return index_name.startswith("lsi-") or index_name.startswith("lsi_")


@dataclass
class ParsedTag:
    parts: tuple[TagPart, ...] = ()
    skip: bool = False
    pk: bool = False
    sk: bool = False
    ttl: bool = False
    version: bool = False
    created_at: bool = False
    updated_at: bool = False
    set: bool = False
    omitempty: bool = False
    encrypted: bool = False
    binary: bool = False
    json: bool = False
    attr: str | None = None
    naming: str | None = None
    indexes: tuple[IndexRole, ...] = ()
    errors: tuple[str, ...] = ()  # the ORM's error texts, without the "field validation failed" wrapper
    _roles: dict[str, IndexRole] = field(default_factory=dict, repr=False)


def parse_tag(tag: str, first_attr: bool = False) -> ParsedTag:
    """Parse one ORM tag value the way ``parseDynamormTag`` does, collecting every error.

    ``first_attr``: TableTheory 1.7+ takes the first ``attr:``, untrimmed; before, the last one, trimmed."""
    parsed = ParsedTag()
    if tag == "-":
        parsed.skip = True
        return parsed
    parts: list[TagPart] = []
    errors: list[str] = []
    for text in split_tags(tag):
        colon = text.find(":")
        if colon > 0:
            key, value = text[:colon], text[colon + 1 :].strip()
            parts.append(TagPart(text=text, key=key, value=value))
            if key == "attr" and first_attr:
                if parsed.attr is None:
                    parsed.attr = text[colon + 1 :]
            else:
                _apply_key_value(parsed, key, value, errors)
        else:
            parts.append(TagPart(text=text, key=text, value=None))
            if text in SIMPLE_DIRECTIVES:
                setattr(parsed, text, True)
            else:
                errors.append(f"{INVALID_TAG}: unknown tag '{text}'")
    parsed.parts = tuple(parts)
    parsed.indexes = tuple(parsed._roles.values())
    parsed.errors = tuple(errors)
    return parsed


def _apply_key_value(parsed: ParsedTag, key: str, value: str, errors: list[str]) -> None:
    if key == "attr":
        parsed.attr = value
    elif key == "index":
        _index_role(parsed, value, errors, lsi=False)
    elif key == "lsi":
        _index_role(parsed, value, errors, lsi=True)
    elif key == "encrypted":
        parsed.encrypted = True
    elif key == "naming":
        parsed.naming = value


def _index_role(parsed: ParsedTag, value: str, errors: list[str], *, lsi: bool) -> None:
    pieces = value.split(",")
    name = pieces[0].strip()
    modifiers = [p.strip() for p in pieces[1:]]
    pk = sk = sparse = False
    if not modifiers:
        # index:NAME alone is the index's partition key; lsi:NAME alone its sort key
        sk, pk = lsi, not lsi
    for modifier in modifiers:
        if modifier == "sk":
            sk = True
        elif modifier == "pk" and not lsi:
            pk = True
        elif modifier == "sparse" and not lsi:
            sparse = True
        elif lsi:
            errors.append(f"{INVALID_TAG}: unknown lsi tag modifier '{modifier}'")
        else:
            errors.append(f"{INVALID_TAG}: unknown index tag modifier '{modifier}'")
    by_prefix = not lsi and is_lsi_name(name)
    parsed._roles.pop(name, None)  # a later clause for the same index replaces the earlier one
    parsed._roles[name] = IndexRole(
        index=name,
        kind="LSI" if lsi or by_prefix else "GSI",
        pk=pk,
        sk=sk,
        sparse=sparse,
        lsi_by_prefix=by_prefix,
    )
