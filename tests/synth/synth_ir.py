"""Hand-built IR for the synth unit tests: tables and models as the scanner would report them."""

from __future__ import annotations

from tagscan.model import FieldRef, Index, KeyAttribute, Location, Model, ScanResult, Table, TableRef


def key(attribute: str, type_: str = "S") -> KeyAttribute:
    return KeyAttribute(field=attribute[0].upper() + attribute[1:], attribute=attribute, type=type_, go_type="string")


def table(
    models: tuple[str, ...],
    *,
    env: str | None = None,
    name: str | None = None,
    source: str | None = None,
    pk: KeyAttribute | None = None,
    sk: KeyAttribute | None = None,
    indexes: tuple[Index, ...] = (),
    ttl: str | None = None,
) -> Table:
    source = source or ("env" if env else "literal")
    return Table(
        key=env or name or f"unresolved:{models[0]}",
        source=source,  # type: ignore[arg-type]
        env=env,
        name=name,
        models=tuple(sorted(models)),
        partition_key=pk if pk is not None else key("id"),
        sort_key=sk,
        indexes=indexes,
        ttl=FieldRef(field="TTL", attribute=ttl) if ttl else None,
    )


def scan_of(*tables: Table) -> ScanResult:
    models = tuple(_model(m, t) for t in tables for m in t.models)
    return ScanResult(root="/nowhere", models=models, tables=tables)


def _model(name: str, t: Table) -> Model:
    return Model(
        name=name, package="models", import_path=None, dir=".", file=f"{name.lower()}.go", line=1, column=6,
        tag_key="dynamorm", naming="camelCase", naming_source="default",
        table=TableRef(source=t.source, env=t.env, name=t.name, location=Location(f"{name.lower()}.go", 9, 5)),
        partition_key=t.partition_key, sort_key=t.sort_key, indexes=t.indexes, ttl=t.ttl,
        version=None, created_at=None, updated_at=None, attributes=(),
    )
