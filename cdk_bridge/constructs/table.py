"""``DynamORMTable``: a DynamoDB table laid out the way a DynamORM model expects it."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import RemovalPolicy, Stack, Tags
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from constructs import Construct

from cdk_bridge.constructs.props import AutoScalingConfig, DynamORMGSI, DynamORMLSI, check_table_props


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
    :param global_secondary_indexes: GSIs, at most 20, projection ALL unless given.
    :param local_secondary_indexes: LSIs, at most 5; they need a ``sort_key``.
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
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        model_name: str,
        partition_key: dynamodb.Attribute,
        sort_key: dynamodb.Attribute | None = None,
        global_secondary_indexes: Sequence[DynamORMGSI] | None = None,
        local_secondary_indexes: Sequence[DynamORMLSI] | None = None,
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
    ) -> None:
        gsis = list(global_secondary_indexes or ())
        lsis = list(local_secondary_indexes or ())
        billing = billing_mode or dynamodb.BillingMode.PAY_PER_REQUEST
        check_table_props(
            sort_key=sort_key,
            global_secondary_indexes=gsis,
            local_secondary_indexes=lsis,
            auto_scaling=auto_scaling,
            billing_mode=billing,
            env_var=env_var,
        )
        super().__init__(scope, id)
        self.model_name = model_name
        self.multi_tenant = bool(multi_tenant)
        self.env_var: str = env_var or f"{id.upper()}_TABLE_NAME"
        self.index_names: tuple[str, ...] = tuple(gsi.index_name for gsi in gsis) + tuple(lsi.index_name for lsi in lsis)
        if not table_name:
            stack = Stack.of(self)
            table_name = seed_table_name(model_name, stack.account, stack.region)
        self.table = dynamodb.Table(
            self,
            "Table",
            partition_key=partition_key,
            sort_key=sort_key,
            billing_mode=billing,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=point_in_time_recovery is not False
            ),
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            stream=stream_view_type or dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
            time_to_live_attribute=ttl_attribute,
            table_name=table_name,
            removal_policy=removal_policy or RemovalPolicy.RETAIN,
            deletion_protection=deletion_protection,
        )
        for gsi in gsis:
            self.table.add_global_secondary_index(
                index_name=gsi.index_name,
                partition_key=gsi.partition_key,
                sort_key=gsi.sort_key,
                projection_type=gsi.projection_type or dynamodb.ProjectionType.ALL,
                non_key_attributes=gsi.non_key_attributes,
            )
        for lsi in lsis:
            self.table.add_local_secondary_index(
                index_name=lsi.index_name,
                sort_key=lsi.sort_key,
                projection_type=lsi.projection_type or dynamodb.ProjectionType.ALL,
                non_key_attributes=lsi.non_key_attributes,
            )
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

    def grant_dynamorm_access(self, grantee: iam.IGrantable) -> None:
        """Grant read/write on items and indexes, plus what the ORM calls besides (condition checks, describe)."""
        self.table.grant_read_write_data(grantee)
        grantee.grant_principal.add_to_principal_policy(
            iam.PolicyStatement(
                actions=["dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive"],
                resources=[self.table.table_arn],
            )
        )
