"""Value types of the table props, and the checks that reject invalid props at construction time.

Where CDK takes a struct, the constructs take CDK's struct (``dynamodb.Attribute``,
``GlobalSecondaryIndexProps``, ``lambda_.FunctionProps``, ...) or a mapping of its fields, as
aws-cdk-lib's own Python classes do; ``DynamORMGSI`` and ``DynamORMLSI`` are accepted as well.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeAlias

from aws_cdk import aws_dynamodb as dynamodb

from cdk_bridge.constructs.errors import InvalidPropsError

# DynamoDB service quotas (default; GSIs can be raised on request, LSIs cannot).
MAX_GSIS = 20
MAX_LSIS = 5
MAX_PROJECTED_NON_KEY_ATTRIBUTES = 100
# Lambda environment variable names; DynamoDB index names.
_ENV_VAR_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_INDEX_NAME = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")


@dataclass(frozen=True)
class DynamORMGSI:
    """A global secondary index; ``index_name`` must match the model's ``dynamorm:"index:<name>,pk"`` tag.

    ``projection_type`` defaults to ALL (what the ORM's own CreateTable projects);
    ``non_key_attributes`` is required with INCLUDE and refused otherwise.
    """

    index_name: str
    partition_key: dynamodb.Attribute
    sort_key: dynamodb.Attribute | None = None
    projection_type: dynamodb.ProjectionType | None = None
    non_key_attributes: Sequence[str] | None = None


@dataclass(frozen=True)
class DynamORMLSI:
    """A local secondary index (``dynamorm:"lsi:<name>"``); its partition key is the table's."""

    index_name: str
    sort_key: dynamodb.Attribute
    projection_type: dynamodb.ProjectionType | None = None
    non_key_attributes: Sequence[str] | None = None


AttributeLike: TypeAlias = dynamodb.Attribute | Mapping[str, Any]
GlobalIndexLike: TypeAlias = (
    DynamORMGSI | dynamodb.GlobalSecondaryIndexProps | dynamodb.GlobalSecondaryIndexPropsV2 | Mapping[str, Any]
)
LocalIndexLike: TypeAlias = DynamORMLSI | dynamodb.LocalSecondaryIndexProps | Mapping[str, Any]


def struct_kwargs(props: object) -> dict[str, Any]:
    """The fields set in a CDK struct (``lambda_.FunctionProps``, ``dynamodb.TableProps``, ...), a
    ``DynamORMGSI``/``DynamORMLSI`` or a mapping, as keyword arguments; unset (``None``) ones left out."""
    if isinstance(props, Mapping):
        return {str(name): value for name, value in props.items() if value is not None}
    if isinstance(props, (DynamORMGSI, DynamORMLSI)):
        names: tuple[str, ...] = tuple(field.name for field in fields(props))
    else:  # a jsii struct: its constructor takes exactly its fields, as keywords; each is a property
        names = tuple(inspect.signature(type(props)).parameters)
    return {name: value for name in names if (value := getattr(props, name)) is not None}


def attribute(value: AttributeLike) -> dynamodb.Attribute:
    return value if isinstance(value, dynamodb.Attribute) else dynamodb.Attribute(**value)


def global_index(index: GlobalIndexLike) -> dynamodb.GlobalSecondaryIndexProps:
    """Any accepted GSI as CDK's ``GlobalSecondaryIndexProps``, projection ALL unless given."""
    kwargs = struct_kwargs(index)
    if isinstance(index, dynamodb.GlobalSecondaryIndexPropsV2):
        capacity = sorted(kwargs.keys() & {"read_capacity", "write_capacity"})
        if capacity:
            raise InvalidPropsError(
                f"index {kwargs['index_name']!r}: GlobalSecondaryIndexPropsV2 {' and '.join(capacity)} are TableV2 "
                "Capacity objects; DynamORMTable is a dynamodb.Table: give GlobalSecondaryIndexProps(read_capacity=N, ...)"
            )
    return dynamodb.GlobalSecondaryIndexProps(**{"projection_type": dynamodb.ProjectionType.ALL, **kwargs})


def local_index(index: LocalIndexLike) -> dynamodb.LocalSecondaryIndexProps:
    """Any accepted LSI as CDK's ``LocalSecondaryIndexProps``, projection ALL unless given."""
    return dynamodb.LocalSecondaryIndexProps(**{"projection_type": dynamodb.ProjectionType.ALL, **struct_kwargs(index)})


@dataclass(frozen=True)
class AutoScalingConfig:
    """Read and write capacity auto scaling, applied to the table and each GSI (PROVISIONED billing only).

    ``target_utilization`` is the consumed/provisioned percentage the scaling policy tracks.
    """

    min_capacity: int = 1
    max_capacity: int = 10
    target_utilization: int = 70

    def __post_init__(self) -> None:
        if not 1 <= self.min_capacity <= self.max_capacity:
            raise InvalidPropsError(
                f"auto_scaling: need 1 <= min_capacity <= max_capacity, got min_capacity={self.min_capacity}, "
                f"max_capacity={self.max_capacity}"
            )
        # The range Application Auto Scaling accepts for DynamoDB target tracking.
        if not 10 <= self.target_utilization <= 90:
            raise InvalidPropsError(
                f"auto_scaling: target_utilization must be between 10 and 90 (percent), got {self.target_utilization}"
            )


def check_table_props(
    *,
    sort_key: dynamodb.Attribute | None,
    global_secondary_indexes: Sequence[dynamodb.GlobalSecondaryIndexProps],
    local_secondary_indexes: Sequence[dynamodb.LocalSecondaryIndexProps],
    auto_scaling: AutoScalingConfig | None,
    billing_mode: dynamodb.BillingMode,
    env_var: str | None,
) -> None:
    """Raise ``InvalidPropsError`` for props DynamoDB or CloudFormation would reject later, or silently ignore."""
    if len(global_secondary_indexes) > MAX_GSIS:
        raise InvalidPropsError(
            f"{len(global_secondary_indexes)} global secondary indexes: DynamoDB allows at most {MAX_GSIS} per table"
        )
    if len(local_secondary_indexes) > MAX_LSIS:
        raise InvalidPropsError(
            f"{len(local_secondary_indexes)} local secondary indexes: DynamoDB allows at most {MAX_LSIS} per table"
        )
    if local_secondary_indexes and sort_key is None:
        names = ", ".join(lsi.index_name for lsi in local_secondary_indexes)
        raise InvalidPropsError(f"local secondary index {names}: the table needs a sort_key to have local secondary indexes")
    _check_indexes([*global_secondary_indexes, *local_secondary_indexes])
    if auto_scaling is not None and billing_mode != dynamodb.BillingMode.PROVISIONED:
        raise InvalidPropsError(
            "auto_scaling needs billing_mode=BillingMode.PROVISIONED (on-demand tables have no capacity to scale)"
        )
    if env_var is not None and not _ENV_VAR_NAME.match(env_var):
        raise InvalidPropsError(f"env_var {env_var!r} is not a valid environment variable name ([A-Za-z][A-Za-z0-9_]*)")


def _check_indexes(indexes: Sequence[dynamodb.GlobalSecondaryIndexProps | dynamodb.LocalSecondaryIndexProps]) -> None:
    seen: set[str] = set()
    projected = 0
    for index in indexes:
        if not _INDEX_NAME.match(index.index_name):
            raise InvalidPropsError(
                f"index name {index.index_name!r}: DynamoDB index names are 3 to 255 characters of A-Z a-z 0-9 _ . -"
            )
        if index.index_name in seen:
            raise InvalidPropsError(f"index name {index.index_name!r} is used twice: index names must be unique per table")
        seen.add(index.index_name)
        include = index.projection_type == dynamodb.ProjectionType.INCLUDE
        if include and not index.non_key_attributes:
            raise InvalidPropsError(f"index {index.index_name!r}: projection INCLUDE needs non_key_attributes")
        if index.non_key_attributes and not include:
            raise InvalidPropsError(
                f"index {index.index_name!r}: non_key_attributes are only allowed with projection_type=ProjectionType.INCLUDE"
            )
        projected += len(index.non_key_attributes or ())
    if projected > MAX_PROJECTED_NON_KEY_ATTRIBUTES:
        raise InvalidPropsError(
            f"{projected} projected non-key attributes over all indexes: DynamoDB allows at most "
            f"{MAX_PROJECTED_NON_KEY_ATTRIBUTES} per table"
        )
