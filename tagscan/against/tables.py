"""Tables as plain shapes: from a template's DynamoDB resources, or from the scan (what the models synthesize).

Both sides of every comparison are ``TableShape``: keys with their types, indexes by name, TTL, and
(for templates) the settings the models do not describe. Values a template computes with an intrinsic
function are ``None``: unknown, and never compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tagscan.against.loader import LoadedTemplate
from tagscan.model import JsonRecord, Table
from tagscan.table_shape import KeyShape, table_shape

TABLE_TYPES = ("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable")
SYNTH_RESOURCE_TYPE = "AWS::DynamoDB::Table"  # what `tagscan synth` emits (the seed's DynamORMTable is an L2 Table)


@dataclass(frozen=True)
class Key(JsonRecord):
    name: str
    type: str | None  # S, N or B; None when no AttributeDefinition names it


@dataclass(frozen=True)
class IndexShape(JsonRecord):
    name: str
    kind: str  # GSI or LSI
    partition_key: tuple[Key, ...]  # several for a multi-attribute GSI key
    sort_key: tuple[Key, ...]
    projection: str | None = None  # None: not described (a template computes it)
    non_key_attributes: tuple[str, ...] | None = None  # INCLUDE's, sorted; None: not described


@dataclass(frozen=True)
class TableShape(JsonRecord):
    partition_key: tuple[Key, ...]
    sort_key: tuple[Key, ...]
    indexes: tuple[IndexShape, ...]  # sorted by kind, then name
    ttl: str | None  # the attribute, when TTL is enabled
    table_name: Any = None  # a literal name, an intrinsic expression, or None when absent/unknown
    stream: str | None = None
    describes_settings: bool = True  # False for the models' shape: no stream, projection or name to compare

    def index(self, name: str) -> IndexShape | None:
        return next((i for i in self.indexes if i.name == name), None)

    @property
    def attribute_types(self) -> dict[str, str]:
        keys = [*self.partition_key, *self.sort_key]
        keys += [k for i in self.indexes for k in (*i.partition_key, *i.sort_key)]
        return {k.name: k.type for k in keys if k.type}


@dataclass(frozen=True)
class DeployedTable(JsonRecord):
    """A table resource of a loaded template, and where it is."""

    template: str  # LoadedTemplate.path
    stack: str
    logical_id: str
    resource_type: str
    line: int
    column: int
    construct_path: str | None  # aws:cdk:path metadata
    tags: tuple[tuple[str, str], ...]  # literal tags only
    shape: TableShape
    deletion_policy: str | None = None

    def tag(self, key: str) -> str | None:
        return next((v for k, v in self.tags if k == key), None)

    @property
    def is_dynamorm(self) -> bool:
        return self.tag("DynamORM") == "true" or self.tag("ModelName") is not None

    @property
    def label(self) -> str:
        """`LogicalId (Stack/Path/Resource)`, without the path when there is no metadata."""
        return f"{self.logical_id} ({self.construct_path})" if self.construct_path else self.logical_id

    def describe(self) -> str:
        """`LogicalId (Stack/Path/Resource) in file`: how findings name the resource."""
        return f"{self.label} in {self.template}"


def deployed_tables(templates: tuple[LoadedTemplate, ...]) -> tuple[DeployedTable, ...]:
    """Every DynamoDB table resource of the templates, in template order, then by logical id."""
    tables = []
    for loaded in templates:
        for logical_id in sorted(loaded.resources, key=str):
            resource = loaded.resources[logical_id]
            if isinstance(resource, dict) and resource.get("Type") in TABLE_TYPES:
                tables.append(_deployed(loaded, logical_id, resource))
    return tuple(tables)


def _deployed(loaded: LoadedTemplate, logical_id: str, resource: dict[str, Any]) -> DeployedTable:
    props = as_dict(resource.get("Properties"))
    path = as_dict(resource.get("Metadata")).get("aws:cdk:path")
    return DeployedTable(
        template=loaded.path,
        stack=loaded.stack,
        logical_id=logical_id,
        resource_type=resource["Type"],
        line=loaded.position_of(logical_id)[0],
        column=loaded.position_of(logical_id)[1],
        construct_path=path if isinstance(path, str) else None,
        tags=_tags(resource["Type"], props),
        shape=shape_of_resource(props),
        deletion_policy=resource.get("DeletionPolicy") if isinstance(resource.get("DeletionPolicy"), str) else None,
    )


def shape_of_resource(props: dict[str, Any]) -> TableShape:
    """The shape of an ``AWS::DynamoDB::Table`` or ``GlobalTable`` (same key, index and TTL properties)."""
    types = {
        _literal(d.get("AttributeName")): d.get("AttributeType")
        for d in _list(props.get("AttributeDefinitions"))
        if isinstance(d, dict)
    }
    pk, sk = _key_schema(props.get("KeySchema"), types)
    indexes = [_index(i, "GSI", types) for i in _list(props.get("GlobalSecondaryIndexes"))]
    indexes += [_index(i, "LSI", types) for i in _list(props.get("LocalSecondaryIndexes"))]
    ttl_spec = props.get("TimeToLiveSpecification")
    ttl = None
    if isinstance(ttl_spec, dict) and ttl_spec.get("Enabled") is True:
        ttl = _literal(ttl_spec.get("AttributeName"))
    stream = props.get("StreamSpecification")
    return TableShape(
        partition_key=pk,
        sort_key=sk,
        indexes=tuple(sorted((i for i in indexes if i is not None), key=lambda i: (i.kind, i.name))),
        ttl=ttl,
        table_name=props.get("TableName"),
        stream=_literal(stream.get("StreamViewType")) if isinstance(stream, dict) else None,
    )


def _key_schema(schema: Any, types: dict[Any, Any]) -> tuple[tuple[Key, ...], tuple[Key, ...]]:
    hash_keys: list[Key] = []
    range_keys: list[Key] = []
    for element in _list(schema):
        name = _literal(element.get("AttributeName")) if isinstance(element, dict) else None
        if name is None:
            continue
        key = Key(name, _literal(types.get(name)))
        (hash_keys if element.get("KeyType") == "HASH" else range_keys).append(key)
    return tuple(hash_keys), tuple(range_keys)


def _index(index: Any, kind: str, types: dict[Any, Any]) -> IndexShape | None:
    name = _literal(index.get("IndexName")) if isinstance(index, dict) else None
    if name is None:
        return None
    pk, sk = _key_schema(index.get("KeySchema"), types)
    projection = index.get("Projection")
    projection_type = None
    non_key: tuple[str, ...] | None = None
    if isinstance(projection, dict):
        # CloudFormation's default projection is KEYS_ONLY; NonKeyAttributes alone mean INCLUDE.
        projection_type = projection.get(
            "ProjectionType", "INCLUDE" if projection.get("NonKeyAttributes") else "KEYS_ONLY"
        )
        listed = projection.get("NonKeyAttributes", [])
        if isinstance(listed, list) and all(isinstance(a, str) for a in listed):
            non_key = tuple(sorted(listed))
    return IndexShape(name, kind, pk, sk, _literal(projection_type), non_key)


def _tags(resource_type: str, props: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    tags = list(_list(props.get("Tags")))
    if resource_type == "AWS::DynamoDB::GlobalTable":
        # A GlobalTable carries its tags per replica.
        tags += [t for r in _list(props.get("Replicas")) if isinstance(r, dict) for t in _list(r.get("Tags"))]
    pairs = {
        (t["Key"], t["Value"])
        for t in tags
        if isinstance(t, dict) and isinstance(t.get("Key"), str) and isinstance(t.get("Value"), str)
    }
    return tuple(sorted(pairs))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[Any, Any]:
    """``value`` when it is a mapping, else empty: templates are read as found, never trusted."""
    return value if isinstance(value, dict) else {}


def _literal(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def shape_of_models(table: Table) -> TableShape:
    """What the models' table synthesizes to: ``tagscan.table_shape``'s shape, the one ``tagscan synth``
    builds, as a comparable shape. Raises ``TableShapeError`` for a table synth refuses.

    The physical name is known only for a literal or default name; the synthesized
    ``{model}-{account}-{region}`` name is left unknown.
    """
    shape = table_shape(table)
    indexes = tuple(
        IndexShape(
            name=index.name,
            kind=index.kind,
            partition_key=_keys(index.partition_key),
            sort_key=_keys(index.sort_key),
            # A model's own projection (TableTheoryIndexProjections, 2.x+) is compared; ALL, what every
            # model projected before, is not: a deployed smaller projection is TS707's.
            projection=None if index.projection == "ALL" else index.projection,
            non_key_attributes=index.non_key_attributes if index.projection == "INCLUDE" else None,
        )
        for index in sorted(shape.indexes, key=lambda i: (i.kind, i.name))
    )
    return TableShape(
        partition_key=_keys(shape.partition_key),
        sort_key=_keys(shape.sort_key),
        indexes=indexes,
        ttl=shape.ttl_attribute,
        table_name=table.name if table.source in ("literal", "default") else None,
        describes_settings=False,
    )


def _keys(key: KeyShape | None) -> tuple[Key, ...]:
    return (Key(key.name, key.type),) if key else ()
