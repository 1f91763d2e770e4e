"""Phrases shared by the renderers: where a table name comes from, what a key is, which
field an attribute comes from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from tagscan.model import Attribute, Field, Index, Model, ScanResult, Table, TableRef


_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with the non-UTF-8 bytes of Go sources (surrogate escapes) as U+FFFD, so it can be written."""
    return _SURROGATES.sub("\ufffd", text)


def table_source(ref: TableRef) -> str:
    """``env USERS_TABLE (fallback "users")``, ``env A, B``, ``"users"``, ``"${STAGE}-users"`` or ``unresolved: <expr>``."""
    if ref.source == "env":
        fallback = ref.name or ref.pattern or ref.default_name
        return f"env {', '.join(ref.envs or (ref.env or '',))}" + (f' (fallback "{fallback}")' if fallback else "")
    if ref.source == "unresolved":
        return f"unresolved: {ref.expr or ref.name or '?'}"
    if ref.source == "pattern":
        return f'"{ref.pattern}"'
    return f'"{ref.name}"'


def table_models(table: Table, scan: ScanResult) -> list[Model]:
    """The models stored in the table (``Table.models`` holds names, which packages may share)."""
    return list(scan.models_of(table))


def table_ref(table: Table, scan: ScanResult) -> TableRef:
    """How the table's models name it (the env fallback is on the models, not the table)."""
    models = table_models(table, scan)
    return models[0].table if models else TableRef(source=table.source, env=table.env, name=table.name)


def table_title(table: Table, scan: ScanResult) -> str:
    return table_source(table_ref(table, scan))


def index_phrase(index: Index) -> str:
    """``GSI gsi-email (emailHash, createdAt)``: the kind, the name and its key attributes."""
    keys = ", ".join(k.attribute for k in (index.partition_key, index.sort_key) if k)
    return f"{index.kind} {index.name} ({keys})"


def key_roles(model: Model) -> dict[str, list[str]]:
    """Attribute name → the key roles it plays: ``partition key``, ``GSI g sort key``, ..."""
    roles: dict[str, list[str]] = {}
    for role, key in (("partition key", model.partition_key), ("sort key", model.sort_key)):
        if key:
            roles.setdefault(key.attribute, []).append(role)
    for index in model.indexes:
        for role, key in (("partition key", index.partition_key), ("sort key", index.sort_key)):
            if key and not (index.kind == "LSI" and role == "partition key"):
                roles.setdefault(key.attribute, []).append(f"{index.kind} {index.name} {role}")
    return roles


def fields_by_attribute(model: Model) -> dict[str, Field]:
    """The field behind each attribute (the last one wins, as in the ORM's registry)."""
    return {f.attribute: f for f in model.fields if not f.skipped}


def unique_attributes(model: Model) -> list[Attribute]:
    """One entry per attribute name: two fields writing the same name (TS301) leave the last
    one's value in the item, as the ORM's registry overwrites; the first one's position is kept."""
    by_name: dict[str, Attribute] = {}
    for attribute in model.attributes:
        by_name[attribute.name] = attribute
    return list(by_name.values())


def unique_names(models: tuple[Model, ...]) -> list[str]:
    """A distinct name per model: its Go name, prefixed with its package when the name is used
    more than once, then with its directory, then numbered in source order."""
    names = [m.name for m in models]
    qualifiers: tuple[Callable[[Model], str], ...] = (lambda m: _pascal(m.package), lambda m: _pascal(m.dir))
    for qualify in qualifiers:
        clashing = {n for n in names if names.count(n) > 1}
        names = [qualify(m) + m.name if n in clashing else n for m, n in zip(models, names)]
    # Same name, package and directory (several modules): numbered in source order.
    counts, seen = Counter(names), Counter[str]()
    for i in sorted(range(len(models)), key=lambda i: (models[i].dir, models[i].file, models[i].line)):
        if counts[names[i]] > 1:
            seen[names[i]] += 1
            names[i] += str(seen[names[i]]) if seen[names[i]] > 1 else ""
    return names


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text))
