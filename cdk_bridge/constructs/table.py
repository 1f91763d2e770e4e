"""``DynamORMTable``: a DynamoDB table laid out the way a DynamORM model expects it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import Annotations, RemovalPolicy, Stack, Tags
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from constructs import Construct

from cdk_bridge.constructs.props import (
    AttributeLike,
    AutoScalingConfig,
    GlobalIndexLike,
    LocalIndexLike,
    attribute,
    check_table_props,
    global_index,
    local_index,
    struct_kwargs,
)

# The dynamodb.TableProps a DynamORMTable argument sets, and that argument's name.
_OWN_TABLE_PROPS = {
    "partition_key": "partition_key",
    "sort_key": "sort_key",
    "time_to_live_attribute": "ttl_attribute",
    "stream": "stream_view_type",
    "table_name": "table_name",
    "removal_policy": "removal_policy",
    "deletion_protection": "deletion_protection",
    "point_in_time_recovery_specification": "point_in_time_recovery",
    "billing_mode": "billing_mode",
}
TABLE_PROPS_COLLISION = "cdk_bridge:tablePropsCollision"  # the id of the warning that reports one


def seed_table_name(model_name: str, account: str, region: str) -> str:
    """The seed's physical table name; ``account`` and ``region`` are the stack's (tokens of
    CloudFormation's pseudo parameters for an environment-agnostic stack)."""
    return f"{model_name}-{account}-{region}"


class DynamORMTable(Construct):
    """A DynamoDB table for one DynamORM model, with the seed's defaults.

    Defaults: on-demand billing, point-in-time recovery, AWS-managed encryption, a
    NEW_AND_OLD_IMAGES stream, RETAIN on removal, physical name
    ``<model_name>-<account>-<region>``, tags ``DynamORM=true`` and ``ModelName``. Index names
    and attribute names must be exactly what the model's tags make the ORM write.

    :param model_name: the model's name, used in the physical table name and the ``ModelName`` tag.
    :param partition_key: the table's partition key (the model's ``pk`` field).
    :param sort_key: the table's sort key (the model's ``sk`` field).
    :param global_secondary_indexes: GSIs (``dynamodb.GlobalSecondaryIndexProps``, ``...PropsV2``
        without capacities, or ``DynamORMGSI``), at most 20, projection ALL unless given.
    :param local_secondary_indexes: LSIs (``dynamodb.LocalSecondaryIndexProps`` or ``DynamORMLSI``),
        at most 5; they need a ``sort_key``.
    :param ttl_attribute: the attribute of the model's ``ttl`` field.
    :param stream_view_type: default NEW_AND_OLD_IMAGES.
    :param multi_tenant: recorded on ``multi_tenant`` for constructs that build on this table.
    :param auto_scaling: read/write auto scaling of the table and its GSIs; needs PROVISIONED billing.
    :param table_name: explicit physical name (for a model whose ``TableName()`` returns a literal).
    :param env_var: the environment variable ``DynamORMFunction`` sets to the table name;
        default ``<ID upper>_TABLE_NAME``.
    :param removal_policy: default RETAIN.
    :param deletion_protection: CloudFormation deletion protection; default off.
    :param point_in_time_recovery: default True.
    :param billing_mode: default PAY_PER_REQUEST.
    :param table_props: any other ``dynamodb.TableProps`` (contributor insights, encryption key,
        table class, ...), a struct or a mapping. Where it sets what an argument above sets, the
        argument wins and the collision is reported as a warning on this construct.

    Structs may also be mappings of their fields, as in aws-cdk-lib. ``.table`` is the
    ``dynamodb.Table``; ``table_name``, ``table_arn``, ``table_stream_arn`` and the ``grant*``
    methods are the table's, each grant an ``iam.Grant``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        model_name: str,
        partition_key: AttributeLike,
        sort_key: AttributeLike | None = None,
        global_secondary_indexes: Sequence[GlobalIndexLike] | None = None,
        local_secondary_indexes: Sequence[LocalIndexLike] | None = None,
        ttl_attribute: str | None = None,
        stream_view_type: dynamodb.StreamViewType | None = None,
        multi_tenant: bool | None = None,
        auto_scaling: AutoScalingConfig | None = None,
        table_name: str | None = None,
        env_var: str | None = None,
        removal_policy: RemovalPolicy | None = None,
        deletion_protection: bool | None = None,
        point_in_time_recovery: bool | None = None,
        billing_mode: dynamodb.BillingMode | None = None,
        table_props: dynamodb.TableProps | Mapping[str, Any] | None = None,
    ) -> None:
        gsis = [global_index(index) for index in global_secondary_indexes or ()]
        lsis = [local_index(index) for index in local_secondary_indexes or ()]
        own: dict[str, Any] = {
            "partition_key": attribute(partition_key),
            "sort_key": attribute(sort_key) if sort_key is not None else None,
            "time_to_live_attribute": ttl_attribute,
            "stream": stream_view_type,
            "table_name": table_name,
            "removal_policy": removal_policy,
            "deletion_protection": deletion_protection,
            "point_in_time_recovery_specification": None
            if point_in_time_recovery is None
            else dynamodb.PointInTimeRecoverySpecification(point_in_time_recovery_enabled=point_in_time_recovery),
            "billing_mode": billing_mode,
        }
        props, collisions = _merge_table_props(own, table_props)
        props.setdefault("billing_mode", dynamodb.BillingMode.PAY_PER_REQUEST)
        check_table_props(
            sort_key=props.get("sort_key"),
            global_secondary_indexes=gsis,
            local_secondary_indexes=lsis,
            auto_scaling=auto_scaling,
            billing_mode=props["billing_mode"],
            env_var=env_var,
        )
        super().__init__(scope, id)
        if collisions:
            Annotations.of(self).add_warning_v2(
                TABLE_PROPS_COLLISION,
                f"table_props {', '.join(collisions)} ignored: the {type(self).__name__} arguments "
                f"{', '.join(_OWN_TABLE_PROPS[name] for name in collisions)} set them otherwise, and win",
            )
        self.model_name = model_name
        self.multi_tenant = bool(multi_tenant)
        self.env_var: str = env_var or f"{id.upper()}_TABLE_NAME"
        self.index_names: tuple[str, ...] = tuple(index.index_name for index in [*gsis, *lsis])
        if "table_name" not in props:
            stack = Stack.of(self)
            props["table_name"] = seed_table_name(model_name, stack.account, stack.region)
        props.setdefault("stream", dynamodb.StreamViewType.NEW_AND_OLD_IMAGES)
        props.setdefault("removal_policy", RemovalPolicy.RETAIN)
        props.setdefault(
            "point_in_time_recovery_specification",
            dynamodb.PointInTimeRecoverySpecification(point_in_time_recovery_enabled=True),
        )
        if "encryption_key" not in props:  # a key alone means CUSTOMER_MANAGED to CDK
            props.setdefault("encryption", dynamodb.TableEncryption.AWS_MANAGED)
        self.table = dynamodb.Table(self, "Table", **props)
        for gsi in gsis:
            self.table.add_global_secondary_index(**struct_kwargs(gsi))
        for lsi in lsis:
            self.table.add_local_secondary_index(**struct_kwargs(lsi))
        if auto_scaling is not None:
            self._apply_auto_scaling(auto_scaling, [gsi.index_name for gsi in gsis])
        tags = Tags.of(self.table)  # one jsii call fewer than a Tags.of per tag
        tags.add("DynamORM", "true")
        tags.add("ModelName", model_name)

    def _apply_auto_scaling(self, config: AutoScalingConfig, gsi_names: Sequence[str]) -> None:
        bounds = {"min_capacity": config.min_capacity, "max_capacity": config.max_capacity}
        targets = [self.table.auto_scale_read_capacity(**bounds), self.table.auto_scale_write_capacity(**bounds)]
        for name in gsi_names:
            targets.append(self.table.auto_scale_global_secondary_index_read_capacity(name, **bounds))
            targets.append(self.table.auto_scale_global_secondary_index_write_capacity(name, **bounds))
        for target in targets:
            target.scale_on_utilization(target_utilization_percent=config.target_utilization)

    def grant_dynamorm_access(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant read/write on items and indexes, plus what the ORM calls besides (condition checks, describe)."""
        return self.table.grant_read_write_data(grantee).combine(
            iam.Grant.add_to_principal(
                grantee=grantee,
                actions=["dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive"],
                resource_arns=[self.table.table_arn],
            )
        )

    # The table's own names and grants, so the construct reads like the dynamodb.ITable it holds.

    @property
    def table_name(self) -> str:
        return self.table.table_name

    @property
    def table_arn(self) -> str:
        return self.table.table_arn

    @property
    def table_stream_arn(self) -> str | None:
        return self.table.table_stream_arn

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        return self.table.grant(grantee, *actions)

    def grant_read_data(self, grantee: iam.IGrantable) -> iam.Grant:
        return self.table.grant_read_data(grantee)

    def grant_write_data(self, grantee: iam.IGrantable) -> iam.Grant:
        return self.table.grant_write_data(grantee)

    def grant_read_write_data(self, grantee: iam.IGrantable) -> iam.Grant:
        return self.table.grant_read_write_data(grantee)

    def grant_full_access(self, grantee: iam.IGrantable) -> iam.Grant:
        return self.table.grant_full_access(grantee)

    def grant_stream_read(self, grantee: iam.IGrantable) -> iam.Grant:
        return self.table.grant_stream_read(grantee)


def _merge_table_props(
    own: Mapping[str, Any], table_props: dynamodb.TableProps | Mapping[str, Any] | None
) -> tuple[dict[str, Any], list[str]]:
    """``table_props`` with the construct's own settings (those not ``None``) on top, and the
    names of the props both set to different values."""
    props = struct_kwargs(table_props) if table_props is not None else {}
    for name in ("partition_key", "sort_key"):
        if name in props:
            props[name] = attribute(props[name])
    if "point_in_time_recovery" in props:  # TableProps' deprecated flag, as the specification that replaces it
        enabled = props.pop("point_in_time_recovery")
        props.setdefault(
            "point_in_time_recovery_specification",
            dynamodb.PointInTimeRecoverySpecification(point_in_time_recovery_enabled=enabled),
        )
    collisions = []
    for name, value in own.items():
        if value is None:
            continue
        if name in props and props[name] != value:
            collisions.append(name)
        props[name] = value
    return props, collisions
