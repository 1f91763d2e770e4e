"""`tagscan scan`'s default output: per table, where its name comes from, its keys, indexes,
TTL, the ORM release its models are read as (per model when they differ) and its models, then the
components."""

from __future__ import annotations

from tagscan.model import Index, KeyAttribute, Model, OrmRelease, ScanResult, Table, key_phrase
from tagscan.releases import Rules
from tagscan.escaping import escape_controls


def _key(key: KeyAttribute | None) -> str:
    return f"{key.attribute} ({key.type}, field {key.field} {key.go_type})" if key else "-"


def _index(index: Index) -> str:
    sort = f", sort {key_phrase(index.sort_key)}" if index.sort_key else ""
    partition = key_phrase(index.partition_key)
    included = f" [{', '.join(index.non_key_attributes)}]" if index.non_key_attributes else ""
    return f"{index.name} {index.kind}: partition {partition}{sort}, projection {index.projection}{included}"


def _name_source(table: Table, first: Model) -> str:
    ref = first.table
    if table.source == "env":
        if ref.name:
            fallback = f'"{ref.name}"'
        elif ref.pattern:
            fallback = f'pattern "{ref.pattern}"'
        elif ref.unfollowed:
            fallback = f"{ref.unfollowed} (not followed)"
        else:
            fallback = f'"{ref.default_name}" (the ORM\'s default)'
        return f"env {', then '.join(ref.envs or (ref.env or '',))}, when unset {fallback}"
    if table.source == "literal":
        return f'literal "{ref.name}"'
    if table.source == "default":
        return f'default "{ref.name}" (pluralised type name)'
    if table.source == "pattern":
        return f'pattern "{ref.pattern}" (env {", ".join(ref.envs)})'
    part = f", cannot follow {ref.unfollowed}" if ref.unfollowed and ref.unfollowed != ref.expr else ""
    return f"unresolved: {ref.expr}{part} (when empty: \"{ref.default_name}\")"


def _registered(model: Model) -> str:
    at = model.registered_at
    return f", registered at {at.file}:{at.line}:{at.column}" if at is not None else ""


def describe_release(orm: OrmRelease) -> str:
    """The ORM release a model is read as, and why: `github.com/theory-cloud/tabletheory/v3 v3.0.6
    (go.mod): rules of TableTheory 3.x (3.0.2+)`."""
    rules = f"rules of {Rules.of(orm.rules).label}"
    if orm.source == "assumed":
        if orm.module is None:
            why = "no ORM requirement in go.mod" if orm.version is None else f"unknown version {orm.version}"
        elif orm.version is None:
            why = f"{orm.module} is replaced by a local directory"
        else:
            why = f"{orm.module} {orm.version} is no version tagscan can read"
        return f"{why}: the newest {rules} assumed (of the ORM its tags are for)"
    module = orm.module or "the ORM"
    if orm.source == "orm-module":
        return f"{module} itself (the ORM's own module): {rules}"
    if orm.source == "flag":
        return f"{module} read as --orm-version (or orm-version in the configuration) says: {rules}"
    version = f" {orm.version}" if orm.version else ""
    return f"{module}{version} ({'a replace in go.mod' if orm.source == 'replace' else 'go.mod'}): {rules}"


def render_tables(result: ScanResult) -> str:
    """The human summary: one block per table, then components."""
    lines: list[str] = []
    for table in result.tables:
        members = result.models_of(table)
        first = members[0]
        lines.append(f"table {table.key}")
        lines.append(f"  name:          {_name_source(table, first)}")
        lines.append(f"  partition key: {_key(table.partition_key)}")
        lines.append(f"  sort key:      {_key(table.sort_key)}")
        if table.indexes:
            lines.append("  indexes:")
            lines.extend(f"    {_index(index)}" for index in table.indexes)
        else:
            lines.append("  indexes:       -")
        lines.append(f"  ttl:           {table.ttl.attribute + ' (field ' + table.ttl.field + ')' if table.ttl else '-'}")
        releases = {m.orm for m in members}
        shared = releases.pop() if len(releases) == 1 else None  # said once, not once per model
        if shared is not None:
            lines.append(f"  orm:           {describe_release(shared)}")
        lines.append("  models:")
        for m in members:
            lines.append(f"    {m.name} ({m.file}:{m.line}, tag {m.tag_key}, naming {m.naming} from {m.naming_source}{_registered(m)})")
            if m.orm is not None and shared is None:
                lines.append(f"      orm: {describe_release(m.orm)}")
        lines.append("")
    if result.components:
        lines.append("components (tagged structs that are not models):")
        lines.extend(
            f"  {c.name} ({c.file}:{c.line}){' used by other structs' if c.used else ' unused: no pk and no TableName'}"
            for c in result.components
        )
        lines.append("")
    if not result.models:
        lines.append(f"no models found in {result.files_scanned} Go files")
    return "\n".join(map(escape_controls, lines)) + ("\n" if lines and lines[-1] != "" else "")
