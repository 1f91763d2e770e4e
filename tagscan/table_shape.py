"""The table the ORM creates for scanned models: keys, indexes, TTL and attribute definitions.

One construction for every path that turns the IR into a table: ``tagscan synth`` and
``DynamORMModelsStack`` (``cdk_bridge/spec.py``), the pattern constructs
(``cdk_bridge/constructs/model_layout.py``), ``tagscan local``'s CreateTable requests
(``tagscan/export/dynamodb.py``) and the models' side of ``lint --against`` and ``diff``
(``tagscan/against/tables.py``). Pure data: it imports the IR only, so both ``tagscan`` and
``cdk_bridge`` may use it; so the table settings' choices live here too, read by
``cdk_bridge/spec.py`` and by ``tagscan synth``'s options without loading ``cdk_bridge``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tagscan.model import Index, JsonRecord, KeyAttribute, Model, Table

# The settings of a table that take one of a few values (DynamORMTable's enums by name).
SETTING_CHOICES: dict[str, tuple[str, ...]] = {
    "billing_mode": ("PAY_PER_REQUEST", "PROVISIONED"),
    "stream_view_type": ("NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"),
    "removal_policy": ("RETAIN", "DESTROY", "SNAPSHOT", "RETAIN_ON_UPDATE_OR_DELETE"),
}

_ENV_SUFFIXES = ("_TABLE_NAME", "_TABLE")


def env_var_stem(env: str) -> str:
    """What a table-name env var names: ``ORDERS_TABLE_NAME`` → ``ORDERS`` (``_TABLE`` too, any case)."""
    for suffix in _ENV_SUFFIXES:
        if env.upper().endswith(suffix) and len(env) > len(suffix):
            return env[: -len(suffix)]
    return env


class TableShapeError(ValueError):
    """A table the ORM (or CloudFormation) would refuse to create. The message names the rule,
    not the table: the caller says which table it is."""


@dataclass(frozen=True)
class KeyShape(JsonRecord):
    name: str  # the attribute
    type: str  # S, N or B


@dataclass(frozen=True)
class IndexShape(JsonRecord):
    name: str
    kind: str  # GSI or LSI
    partition_key: KeyShape  # an LSI's is the table's
    sort_key: KeyShape | None
    projection: str = "ALL"  # ALL, KEYS_ONLY or INCLUDE: the model's TableTheoryIndexProjections() (2.x+)
    non_key_attributes: tuple[str, ...] = ()  # INCLUDE's, sorted


@dataclass(frozen=True)
class TableShape(JsonRecord):
    partition_key: KeyShape
    sort_key: KeyShape | None
    indexes: tuple[IndexShape, ...]  # a table's by name; a model's in the order its fields declare them
    ttl_attribute: str | None
    attribute_definitions: tuple[KeyShape, ...]  # every key attribute once, sorted by name

    @property
    def global_secondary_indexes(self) -> tuple[IndexShape, ...]:
        return tuple(i for i in self.indexes if i.kind == "GSI")

    @property
    def local_secondary_indexes(self) -> tuple[IndexShape, ...]:
        return tuple(i for i in self.indexes if i.kind == "LSI")


def table_shape(source: Table | Model) -> TableShape:
    """The table the ORM's CreateTable makes for a scanned table (or one model's table).

    Raises ``TableShapeError`` where the ORM or CloudFormation would refuse the table: no
    partition key (TS201), a GSI without a partition key (TS204), an LSI without a sort key
    (TS403), one attribute keyed with two types (TS503).
    """
    if source.partition_key is None:
        raise TableShapeError("no partition key (TS201)")
    partition_key = _key(source.partition_key)
    indexes = sorted(source.indexes, key=lambda i: i.name) if isinstance(source, Table) else _in_declaration_order(source)
    shapes = tuple(_index(index, partition_key) for index in indexes)
    sort_key = _key(source.sort_key) if source.sort_key else None
    keys = [partition_key, sort_key, *(key for index in shapes for key in (index.partition_key, index.sort_key))]
    return TableShape(
        partition_key=partition_key,
        sort_key=sort_key,
        indexes=shapes,
        ttl_attribute=source.ttl.attribute if source.ttl else None,
        attribute_definitions=_attribute_definitions(keys),
    )


def _key(attribute: KeyAttribute) -> KeyShape:
    return KeyShape(name=attribute.attribute, type=attribute.type)


def _index(index: Index, table_partition_key: KeyShape) -> IndexShape:
    # An LSI always shares the table's partition key (the ORM forces it at registration).
    if index.kind == "LSI":
        if index.sort_key is None:
            raise TableShapeError(f"local secondary index {index.name} has no sort key (TS403)")
        partition_key = table_partition_key
    elif index.partition_key is None:
        raise TableShapeError(f"index {index.name} has no partition key (TS204)")
    else:
        partition_key = _key(index.partition_key)
    return IndexShape(
        name=index.name,
        kind=index.kind,
        partition_key=partition_key,
        sort_key=_key(index.sort_key) if index.sort_key else None,
        projection=index.projection,
        non_key_attributes=index.non_key_attributes,
    )


def _attribute_definitions(keys: list[KeyShape | None]) -> tuple[KeyShape, ...]:
    types: dict[str, str] = {}
    for key in keys:
        if key is not None and types.setdefault(key.name, key.type) != key.type:
            raise TableShapeError(f"attribute {key.name!r} is a key of type {types[key.name]} and {key.type} (TS503)")
    return tuple(KeyShape(name, types[name]) for name in sorted(types))


def _in_declaration_order(model: Model) -> list[Index]:
    """A model's indexes in the order their first field is declared, so a model reads top to
    bottom like the table it makes."""
    first_field: dict[str, int] = {}
    for position, field in enumerate(model.fields):
        for role in field.indexes:
            first_field.setdefault(role.index, position)
    return sorted(model.indexes, key=lambda index: (first_field.get(index.name, len(model.fields)), index.name))
