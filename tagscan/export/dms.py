"""The models as a DMS document (the ORM's language-neutral schema, "DynamORM Spec"), in the DMS
version of the release that registers them: v0.2 for TableTheory 3.0 and later, v0.1 before.

The document is YAML in the JSON-compatible subset, the spec's canonical authoring format.
Attribute order is the ORM's field order; keys, lifecycle fields and the TTL carry the roles
and formats of the spec; non-key attributes are ``optional``, keys ``required``. v0.2 adds the
model's ``write_policy``, and ``json: true`` attributes keep their native type. Models of both
versions make two YAML documents, v0.1 first. A pascalCase model is refused, as the ORM's own
exporter refuses it (``refusals``): the others are still exported.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml

from tagscan.errors import InputError
from tagscan.export.describe import fields_by_attribute, printable, unique_attributes
from tagscan.model import NUMBER_KINDS, Field, FieldRef, Index, KeyAttribute, Model, ScanResult
from tagscan.releases import Rules

# The conventions each DMS version names; "verbatim" is none of them and is left out.
_CONVENTIONS = {"0.1": {"camelCase", "snake_case"}, "0.2": {"camelCase", "snake_case", "dynamorm"}}
UNSUPPORTED_NAMING = "unsupported DMS naming convention: pascalCase"  # the ORM's exporter's error
_LIFECYCLE = ("created_at", "updated_at", "version")
_FORMATS = {"created_at": "rfc3339nano", "updated_at": "rfc3339nano", "version": "int", "ttl": "unix_seconds"}


def render_dms(scan: ScanResult) -> str:
    documents = dms_documents(scan)
    text: str = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, width=120)
    return printable(text)


def dms_version(model: Model) -> str:
    return Rules.of(model.orm.rules).dms_version if model.orm is not None else "0.1"


def refusals(scan: ScanResult) -> list[str]:
    """What the ORM's exporter refuses, one message per model: a pascalCase model."""
    return [f"{m.file}:{m.line}: model {m.name}: {UNSUPPORTED_NAMING}" for m in scan.models if m.naming == "pascalCase"]


def dms_documents(scan: ScanResult) -> list[dict[str, Any]]:
    """One document per DMS version the models need (v0.1 first), or one v0.1 document without models."""
    exported = [m for m in scan.models if m.naming != "pascalCase"]
    versions = sorted({dms_version(m) for m in exported}) or ["0.1"]
    return [dms_document(replace(scan, models=tuple(m for m in exported if dms_version(m) == v)), v) for v in versions]


def dms_document(scan: ScanResult, version: str = "0.1") -> dict[str, Any]:
    """The DMS object model of `version`. ``namespace`` is the Go import path the models share, if
    any. Raises ``InputError`` for a model whose table name cannot be resolved statically."""
    document: dict[str, Any] = {"dms_version": version}
    import_paths = {m.import_path for m in scan.models}
    if len(import_paths) == 1 and None not in import_paths:
        document["namespace"] = import_paths.pop()
    document["models"] = [_model(m, version) for m in scan.models]
    return document


def _model(model: Model, version: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": model.name, "table": {"name": _table_name(model)}}
    if model.naming in _CONVENTIONS[version]:
        entry["naming"] = {"convention": model.naming}
    keys = {"partition": _key(model.partition_key)} if model.partition_key else {}
    if model.sort_key:
        keys["sort"] = _key(model.sort_key)
    entry["keys"] = keys
    roles = _roles(model)
    fields = fields_by_attribute(model)
    entry["attributes"] = [
        _attribute(a.name, _type(a.type, fields.get(a.name), version), roles.get(a.name, []), fields.get(a.name))
        for a in unique_attributes(model)
    ]
    if model.indexes:
        entry["indexes"] = [_index(i, model.partition_key) for i in model.indexes]
    policy = model.write_policy
    if version == "0.2" and policy is not None and policy.resolved:
        attributes = {f.name: f.attribute for f in model.fields if not f.skipped}
        entry["write_policy"] = {
            "mode": policy.mode or "mutable",
            "protected_attributes": [attributes.get(name, name) for name in policy.protected_attributes],
        }
    return entry


def _type(written: str, field: Field | None, version: str) -> str:
    """The attribute's type; in v0.2 a `json` attribute keeps its native type (S only for a string,
    []byte, json.RawMessage or interface{})."""
    if version != "0.2" or field is None or not field.json:
        return written
    go_type = field.go_type
    kind = go_type.elem_kind if go_type.kind == "ptr" else go_type.kind
    if kind in ("map", "struct") and not go_type.is_time:
        return "M"
    if kind in ("slice", "array"):
        return "S" if go_type.elem_kind == "uint8" or go_type.expr.endswith("RawMessage") else "L"
    if kind in NUMBER_KINDS:
        return "N"
    if kind == "bool":
        return "BOOL"
    return "S"


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
    if index.projection == "INCLUDE":
        entry["projection"]["fields"] = list(index.non_key_attributes)
    return entry


def _key(key: KeyAttribute) -> dict[str, str]:
    return {"attribute": key.attribute, "type": key.type}
