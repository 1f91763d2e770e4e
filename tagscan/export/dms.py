"""The models as a DMS v0.1 document (the ORM's language-neutral schema, "DynamORM Spec").

The document is YAML in the JSON-compatible subset, the spec's canonical authoring format.
Attribute order is the ORM's field order; keys, lifecycle fields and the TTL carry the roles
and formats of the spec; non-key attributes are ``optional``, keys ``required``.
"""

from __future__ import annotations

from typing import Any

import yaml

from tagscan.errors import InputError
from tagscan.export.describe import fields_by_attribute, printable, unique_attributes
from tagscan.model import Field, FieldRef, Index, KeyAttribute, Model, ScanResult

DMS_VERSION = "0.1"
_CONVENTIONS = {"camelCase", "snake_case"}  # DMS has no "verbatim" convention: it is left out
_LIFECYCLE = ("created_at", "updated_at", "version")
_FORMATS = {"created_at": "rfc3339nano", "updated_at": "rfc3339nano", "version": "int", "ttl": "unix_seconds"}


def render_dms(scan: ScanResult) -> str:
    text: str = yaml.safe_dump(dms_document(scan), sort_keys=False, allow_unicode=True, width=120)
    return printable(text)


def dms_document(scan: ScanResult) -> dict[str, Any]:
    """The DMS object model. ``namespace`` is the Go import path the models share, if any.
    Raises ``InputError`` for a model whose table name cannot be resolved statically."""
    document: dict[str, Any] = {"dms_version": DMS_VERSION}
    import_paths = {m.import_path for m in scan.models}
    if len(import_paths) == 1 and None not in import_paths:
        document["namespace"] = import_paths.pop()
    document["models"] = [_model(m) for m in scan.models]
    return document


def _model(model: Model) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": model.name, "table": {"name": _table_name(model)}}
    if model.naming in _CONVENTIONS:
        entry["naming"] = {"convention": model.naming}
    keys = {"partition": _key(model.partition_key)} if model.partition_key else {}
    if model.sort_key:
        keys["sort"] = _key(model.sort_key)
    entry["keys"] = keys
    roles = _roles(model)
    fields = fields_by_attribute(model)
    entry["attributes"] = [
        _attribute(a.name, a.type, roles.get(a.name, []), fields.get(a.name)) for a in unique_attributes(model)
    ]
    if model.indexes:
        entry["indexes"] = [_index(i, model.partition_key) for i in model.indexes]
    return entry


def _table_name(model: Model) -> str:
    # DMS names the physical table; an env-bound name is exported as the ORM's fallback.
    name = model.table.name or model.table.default_name
    if model.table.source == "unresolved" or not name:
        raise InputError(
            f"{model.file}:{model.line}: model {model.name}: the table name cannot be resolved statically "
            "and DMS needs one (TS601)"
        )
    return name


def _roles(model: Model) -> dict[str, list[str]]:
    refs: list[tuple[str, KeyAttribute | FieldRef | None]] = [
        ("pk", model.partition_key),
        ("sk", model.sort_key),
        ("created_at", model.created_at),
        ("updated_at", model.updated_at),
        ("version", model.version),
        ("ttl", model.ttl),
    ]
    roles: dict[str, list[str]] = {}
    for role, ref in refs:
        if ref:
            roles.setdefault(ref.attribute, []).append(role)
    return roles


def _attribute(name: str, dynamodb_type: str, roles: list[str], field: Field | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"attribute": name, "type": dynamodb_type}
    formats = [_FORMATS[r] for r in roles if r in _FORMATS]
    if not formats and field and field.go_type.is_time and dynamodb_type == "S":
        formats = ["rfc3339nano"]
    if formats:
        entry["format"] = formats[0]
    if "pk" in roles or "sk" in roles:
        entry["required"] = True
    elif not any(r in _LIFECYCLE for r in roles):
        # Lifecycle fields are written by the library on every put: neither required nor optional.
        entry["optional"] = True
    if field and field.omitempty:
        entry["omit_empty"] = True
    if field and field.json:
        entry["json"] = True
    if field and field.binary:
        entry["binary"] = True
    if field and field.encrypted:
        entry["encryption"] = {}
    if roles:
        entry["roles"] = roles
    return entry


def _index(index: Index, table_pk: KeyAttribute | None) -> dict[str, Any]:
    # An LSI always shares the table's partition key (the ORM forces it at registration).
    partition = table_pk if index.kind == "LSI" else index.partition_key
    entry: dict[str, Any] = {"name": index.name, "type": index.kind}
    if partition:
        entry["partition"] = _key(partition)
    if index.sort_key:
        entry["sort"] = _key(index.sort_key)
    entry["projection"] = {"type": index.projection}
    return entry


def _key(key: KeyAttribute) -> dict[str, str]:
    return {"attribute": key.attribute, "type": key.type}
