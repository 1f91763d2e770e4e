"""A Mermaid ``erDiagram`` of the tables: key attributes, index keys, TTL, and the models stored in each."""

from __future__ import annotations

from tagscan.export.describe import printable, table_models, table_title, unique_names
from tagscan.model import KeyAttribute, ScanResult, Table


def render_mermaid(scan: ScanResult) -> str:
    lines = ["erDiagram"]
    # One entity per model even when packages share a model name.
    entities = {id(m): name for m, name in zip(scan.models, unique_names(scan.models))}
    tables = sorted(scan.tables, key=lambda t: t.key)
    for number, table in enumerate(tables, 1):
        entity = f"table-{number}"  # a hyphen cannot clash with a model name (a Go identifier)
        lines.append(f'    {entity}["table {_label(table_title(table, scan))}"] {{')
        lines += [f"        {row}" for row in _rows(table)]
        lines.append("    }")
        for model in sorted(entities[id(m)] for m in table_models(table, scan)):
            lines.append(f'    {entity} ||--o{{ {model} : "stores"')
    return printable("\n".join(lines) + "\n")


def _rows(table: Table) -> list[str]:
    """One row per key attribute: ``S id PK "partition key"``, in key order."""
    keys: dict[str, tuple[KeyAttribute, list[str]]] = {}

    def add(key: KeyAttribute | None, role: str) -> None:
        if key:
            keys.setdefault(key.attribute, (key, []))[1].append(role)

    add(table.partition_key, "partition key")
    add(table.sort_key, "sort key")
    for index in table.indexes:
        if index.kind == "GSI":
            add(index.partition_key, f"GSI {index.name} partition key")
        add(index.sort_key, f"{index.kind} {index.name} sort key")
    rows = []
    table_keys = {k.attribute for k in (table.partition_key, table.sort_key) if k}
    for attribute, (key, roles) in keys.items():
        marker = " PK" if attribute in table_keys else ""
        rows.append(f'{key.type} {_name(attribute)}{marker} "{_label("; ".join(roles))}"')
    if table.ttl:
        rows.append(f'N {_name(table.ttl.attribute)} "TTL, epoch seconds"')
    return rows


def _name(attribute: str) -> str:
    # Backticks keep any attribute name verbatim, including the keywords PK/FK/UK.
    return "`" + attribute.replace("`", "'") + "`"


def _label(text: str) -> str:
    # Mermaid's quoted labels cannot hold `"`, `%` or `\`: lookalikes keep the text readable.
    return text.replace('"', "'").replace("%", "\uff05").replace("\\", "\uff3c")
