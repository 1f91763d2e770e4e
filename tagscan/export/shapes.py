"""The JSON-facing shape of each attribute, as the ORM writes it, for the type renderers.

``time.Time`` is an ISO-8601 (RFC 3339) string, the TTL is epoch seconds, sets are arrays,
``[]byte`` is a base64 string, maps and structs are objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tagscan.export.describe import (
    fields_by_attribute,
    index_phrase,
    key_roles,
    table_source,
    unique_attributes,
    unique_names,
)
from tagscan.model import FLOAT_KINDS, INTEGER_KINDS, Attribute, Field, Model

ShapeKind = Literal["string", "integer", "number", "boolean", "null", "object", "array", "unknown"]

_SCALARS: dict[str, ShapeKind] = {"S": "string", "B": "string", "BOOL": "boolean", "NULL": "null", "M": "object"}
_SET_ITEMS: dict[str, tuple[ShapeKind, str]] = {
    "SS": ("string", "a set of strings"),
    "NS": ("number", "a set of numbers"),
    "BS": ("string", "a set of base64 strings"),
}


@dataclass(frozen=True)
class Shape:
    kind: ShapeKind
    item: Shape | None = None  # the element shape of an array
    note: str | None = None  # how the value is encoded, for the doc comment


@dataclass(frozen=True)
class Property:
    name: str  # the attribute name
    shape: Shape
    required: bool
    doc: str  # one line: roles and encoding


@dataclass(frozen=True)
class TypeSpec:
    name: str  # a unique type name
    doc: tuple[str, ...]  # lines naming the table, keys and indexes
    properties: tuple[Property, ...]


def type_specs(models: tuple[Model, ...]) -> tuple[TypeSpec, ...]:
    """One type per model, sorted by type name; a model name used more than once is prefixed
    with its package (``BillingUser``), then with its directory, then numbered."""
    names = unique_names(models)
    return tuple(sorted((_type_spec(m, n) for m, n in zip(models, names)), key=lambda s: s.name))


def _type_spec(model: Model, name: str) -> TypeSpec:
    keys = {k.attribute for k in (model.partition_key, model.sort_key) if k}
    roles = key_roles(model)
    fields = fields_by_attribute(model)
    ttl = model.ttl.attribute if model.ttl else None
    properties = []
    for attribute in unique_attributes(model):
        shape = attribute_shape(attribute, fields.get(attribute.name), is_ttl=attribute.name == ttl)
        notes = [*roles.get(attribute.name, []), *([shape.note] if shape.note else [])]
        doc = f"{attribute.type} from Go {attribute.field} {attribute.go_type}" + (f": {'; '.join(notes)}" if notes else "")
        properties.append(Property(attribute.name, shape, attribute.name in keys, doc))
    return TypeSpec(name, _model_doc(model), tuple(properties))


def _model_doc(model: Model) -> tuple[str, ...]:
    keys = f"Partition key {model.partition_key.attribute if model.partition_key else '(none)'}"
    if model.sort_key:
        keys += f", sort key {model.sort_key.attribute}"
    lines = [
        f"DynamORM model {model.package}.{model.name} ({model.file}:{model.line}).",
        f"Table: {table_source(model.table)}.",
        keys + ".",
    ]
    if model.indexes:
        lines.append("Indexes: " + "; ".join(index_phrase(i) for i in model.indexes) + ".")
    if model.ttl:
        lines.append(f"TTL attribute: {model.ttl.attribute} (epoch seconds).")
    return tuple(lines)


def attribute_shape(attribute: Attribute, field: Field | None, *, is_ttl: bool = False) -> Shape:
    """The shape of the value the ORM writes for ``attribute``."""
    dynamodb_type = attribute.type
    kind = field.go_type.kind if field else None
    if is_ttl:
        return Shape("integer", note="TTL, Unix epoch seconds")
    if dynamodb_type == "S" and field and field.go_type.is_time:
        return Shape("string", note="ISO-8601 timestamp (RFC 3339)")
    if dynamodb_type == "S" and field and field.json:
        return Shape("string", note="JSON text")
    if dynamodb_type == "B":
        return Shape("string", note="base64")
    if dynamodb_type == "N":
        return Shape("integer" if kind in INTEGER_KINDS else "number")
    if dynamodb_type in _SET_ITEMS:
        item, note = _SET_ITEMS[dynamodb_type]
        if dynamodb_type == "NS" and field and field.go_type.elem_kind in INTEGER_KINDS:
            item = "integer"
        return Shape("array", Shape(item), note=note)
    if dynamodb_type == "L":
        return Shape("array", Shape(_element_kind(field.go_type.elem_kind if field else None)))
    return Shape(_SCALARS.get(dynamodb_type, "unknown"))


def _element_kind(kind: str | None) -> ShapeKind:
    if kind == "string":
        return "string"
    if kind == "bool":
        return "boolean"
    if kind in INTEGER_KINDS:
        return "integer"
    if kind in FLOAT_KINDS:
        return "number"
    return "unknown"
