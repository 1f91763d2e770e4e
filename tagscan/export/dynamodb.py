"""The DynamoDB tables of a scan as CreateTable requests, and how an existing table differs.

The requests build what the ORM's own ``CreateTable`` builds: PAY_PER_REQUEST, the model's
key schema, GSIs and LSIs projecting ALL, one attribute definition per key attribute (sorted
by name here; the ORM's order comes from a Go map). Plain data for boto3; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tagscan.errors import InputError
from tagscan.export.describe import table_ref, table_title
from tagscan.model import Index, KeyAttribute, ScanResult, Table


@dataclass(frozen=True)
class TablePlan:
    name: str  # the physical table name
    origin: str  # where the name comes from, for the report
    models: tuple[str, ...]
    request: dict[str, Any]  # CreateTable parameters
    ttl_attribute: str | None


def table_plans(scan: ScanResult, environ: Mapping[str, str]) -> tuple[TablePlan, ...]:
    """One plan per table, sorted by name. An env-bound name is read from ``environ`` the way
    the ORM reads it at run time (its fallback when unset). Raises ``InputError`` for a table
    the ORM could not create (unresolved name, no partition key, conflicting key types)."""
    plans = []
    for table in scan.tables:
        name, origin = _physical_name(table, scan, environ)
        plans.append(TablePlan(name, origin, table.models, create_table_request(table, name), _ttl(table)))
    names = [p.name for p in plans]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"several tables resolve to the same name: {', '.join(twice)}")
    return tuple(sorted(plans, key=lambda p: p.name))


def create_table_request(table: Table, name: str) -> dict[str, Any]:
    where = f"table {name} (models {', '.join(table.models)})"
    if table.partition_key is None:
        raise InputError(f"{where}: no partition key (TS201)")
    try:
        key_types = table.key_types()
    except ValueError as exc:
        raise InputError(f"{where}: {exc} (TS503)") from None
    request: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": _key_schema(table.partition_key, table.sort_key),
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in key_types.items()],
    }
    gsis = [_index(i, table.partition_key, where) for i in table.indexes if i.kind == "GSI"]
    lsis = [_index(i, table.partition_key, where) for i in table.indexes if i.kind == "LSI"]
    if gsis:
        request["GlobalSecondaryIndexes"] = sorted(gsis, key=lambda i: i["IndexName"])
    if lsis:
        request["LocalSecondaryIndexes"] = sorted(lsis, key=lambda i: i["IndexName"])
    return request


def schema_differences(request: Mapping[str, Any], description: Mapping[str, Any]) -> list[str]:
    """How a DescribeTable ``Table`` differs from the request: keys, key types and indexes.
    Billing mode and throughput are left alone: they do not change what the ORM can do."""
    differences = []
    if _keys(request["KeySchema"]) != _keys(description.get("KeySchema", [])):
        differences.append(
            f"primary key is {_keys(description.get('KeySchema', []))}, the models need {_keys(request['KeySchema'])}"
        )
    existing_types = {d["AttributeName"]: d["AttributeType"] for d in description.get("AttributeDefinitions", [])}
    for definition in request["AttributeDefinitions"]:
        found = existing_types.get(definition["AttributeName"])
        if found and found != definition["AttributeType"]:
            differences.append(
                f"attribute {definition['AttributeName']} is {found}, the models need {definition['AttributeType']}"
            )
    for kind, field in (("GSI", "GlobalSecondaryIndexes"), ("LSI", "LocalSecondaryIndexes")):
        differences += _index_differences(kind, request.get(field, []), description.get(field, []))
    return differences


def _physical_name(table: Table, scan: ScanResult, environ: Mapping[str, str]) -> tuple[str, str]:
    ref = table_ref(table, scan)
    if table.source == "env" and table.env:
        envs = table.envs or (table.env,)
        for env in envs:  # the models read them in this order; the first set one names the table
            if environ.get(env):
                return environ[env], f"from ${env}"
        fallback = ref.name or (None if ref.pattern else ref.default_name)
        if fallback:
            unset = ", ".join(f"${env}" for env in envs)
            return fallback, f"{unset} {'is' if len(envs) == 1 else 'are'} unset: the ORM's fallback"
    elif table.source != "unresolved" and table.name:
        return table.name, table_title(table, scan)
    raise InputError(
        f"table {table_title(table, scan)} (models {', '.join(table.models)}): the name cannot be resolved "
        "statically (TS601)"
    )


def _ttl(table: Table) -> str | None:
    return table.ttl.attribute if table.ttl else None


def _key_schema(partition: KeyAttribute, sort: KeyAttribute | None) -> list[dict[str, str]]:
    schema = [{"AttributeName": partition.attribute, "KeyType": "HASH"}]
    if sort:
        schema.append({"AttributeName": sort.attribute, "KeyType": "RANGE"})
    return schema


def _index(index: Index, table_pk: KeyAttribute, where: str) -> dict[str, Any]:
    # An LSI always shares the table's partition key (the ORM forces it at registration).
    partition = table_pk if index.kind == "LSI" else index.partition_key
    if partition is None:
        raise InputError(f"{where}: index {index.name} has no partition key (TS204)")
    return {
        "IndexName": index.name,
        "KeySchema": _key_schema(partition, index.sort_key),
        "Projection": {"ProjectionType": index.projection},
    }


def _keys(schema: list[Mapping[str, str]]) -> str:
    return ", ".join(f"{k['AttributeName']} {k['KeyType']}" for k in schema) or "none"


def _index_differences(kind: str, wanted: list[Mapping[str, Any]], found: list[Mapping[str, Any]]) -> list[str]:
    wanted_by_name = {i["IndexName"]: i for i in wanted}
    found_by_name = {i["IndexName"]: i for i in found}
    differences = []
    for name in sorted(wanted_by_name.keys() | found_by_name.keys()):
        want, have = wanted_by_name.get(name), found_by_name.get(name)
        if have is None:
            differences.append(f"{kind} {name} is missing")
        elif want is None:
            differences.append(f"{kind} {name} is not in the models")
        elif _keys(want["KeySchema"]) != _keys(have["KeySchema"]):
            differences.append(f"{kind} {name} keys are {_keys(have['KeySchema'])}, the models need {_keys(want['KeySchema'])}")
        elif have.get("Projection", {}).get("ProjectionType") != want["Projection"]["ProjectionType"]:
            differences.append(
                f"{kind} {name} projects {have.get('Projection', {}).get('ProjectionType')}, "
                f"the ORM expects {want['Projection']['ProjectionType']}"
            )
    return differences
