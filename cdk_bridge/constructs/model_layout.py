"""A table's shape (``tagscan.table_shape``: keys, indexes, TTL) as ``DynamORMTable`` props.

The one place the CDK side turns a shape into props: the generated stack's tables
(``cdk_bridge/stack.py``) and the bundled-model tables (``cdk_bridge/constructs/patterns.py``).
"""

from __future__ import annotations

from typing import TypedDict

from aws_cdk import aws_dynamodb as dynamodb

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.props import DynamORMGSI, DynamORMLSI
from tagscan.model import Model
from tagscan.table_shape import IndexShape, KeyShape, TableShape, TableShapeError, table_shape

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


def table_layout(shape: TableShape) -> TableLayout:
    """The keys, indexes and TTL attribute of ``shape``, in its order."""
    return TableLayout(
        partition_key=key_attribute(shape.partition_key),
        sort_key=key_attribute(shape.sort_key) if shape.sort_key else None,
        global_secondary_indexes=[_gsi(index) for index in shape.global_secondary_indexes],
        local_secondary_indexes=[_lsi(index) for index in shape.local_secondary_indexes],
        ttl_attribute=shape.ttl_attribute,
    )


def model_table_layout(model: Model) -> TableLayout:
    """The layout of the table the ORM would create for ``model``; its indexes come in the order
    their first field is declared. Raises ``InvalidPropsError`` for a table it could not create."""
    try:
        return table_layout(table_shape(model))
    except TableShapeError as exc:
        raise InvalidPropsError(f"model {model.name}: {exc}") from None


def key_attribute(key: KeyShape) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=key.name, type=_ATTRIBUTE_TYPES[key.type])


def _gsi(index: IndexShape) -> DynamORMGSI:
    return DynamORMGSI(
        index_name=index.name,
        partition_key=key_attribute(index.partition_key),
        sort_key=key_attribute(index.sort_key) if index.sort_key else None,
        projection_type=dynamodb.ProjectionType[index.projection],
        non_key_attributes=list(index.non_key_attributes) or None,
    )


def _lsi(index: IndexShape) -> DynamORMLSI:
    assert index.sort_key is not None  # table_shape refuses an LSI without one (TS403)
    return DynamORMLSI(
        index_name=index.name,
        sort_key=key_attribute(index.sort_key),
        projection_type=dynamodb.ProjectionType[index.projection],
        non_key_attributes=list(index.non_key_attributes) or None,
    )
