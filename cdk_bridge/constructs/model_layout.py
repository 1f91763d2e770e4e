"""A scanned model's table layout (keys, indexes, TTL) as ``DynamORMTable`` props."""

from __future__ import annotations

from typing import TypedDict

from aws_cdk import aws_dynamodb as dynamodb

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.props import DynamORMGSI, DynamORMLSI
from tagscan.model import Index, KeyAttribute, Model

_ATTRIBUTE_TYPES = {
    "S": dynamodb.AttributeType.STRING,
    "N": dynamodb.AttributeType.NUMBER,
    "B": dynamodb.AttributeType.BINARY,
}


class TableLayout(TypedDict):
    partition_key: dynamodb.Attribute
    sort_key: dynamodb.Attribute | None
    global_secondary_indexes: list[DynamORMGSI]
    local_secondary_indexes: list[DynamORMLSI]
    ttl_attribute: str | None


def key_attribute(key: KeyAttribute) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=key.attribute, type=_ATTRIBUTE_TYPES[key.type])


def table_layout(model: Model) -> TableLayout:
    """The keys, indexes and TTL attribute the ORM would create for ``model``.

    Indexes come in the order their first field is declared, so a model reads top to bottom
    like the table it makes.
    """
    if model.partition_key is None:
        raise InvalidPropsError(f"model {model.name} has no partition key (a field tagged `pk`)")
    gsis: list[DynamORMGSI] = []
    lsis: list[DynamORMLSI] = []
    for index in _in_declaration_order(model):
        if index.kind == "LSI":
            if index.sort_key is None:
                raise InvalidPropsError(f"model {model.name}: local secondary index {index.name} has no sort key")
            lsis.append(DynamORMLSI(index.name, key_attribute(index.sort_key)))
        else:
            if index.partition_key is None:
                raise InvalidPropsError(f"model {model.name}: index {index.name} has no partition key")
            sort_key = key_attribute(index.sort_key) if index.sort_key else None
            gsis.append(DynamORMGSI(index.name, key_attribute(index.partition_key), sort_key))
    return TableLayout(
        partition_key=key_attribute(model.partition_key),
        sort_key=key_attribute(model.sort_key) if model.sort_key else None,
        global_secondary_indexes=gsis,
        local_secondary_indexes=lsis,
        ttl_attribute=model.ttl.attribute if model.ttl else None,
    )


def _in_declaration_order(model: Model) -> list[Index]:
    first_field: dict[str, int] = {}
    for position, field in enumerate(model.fields):
        for role in field.indexes:
            first_field.setdefault(role.index, position)
    return sorted(model.indexes, key=lambda index: (first_field.get(index.name, len(model.fields)), index.name))
