"""``DynamORMMigration``: a custom resource that renames attributes on every item of a table, once.

What a DynamORM team needs after an ORM upgrade or a ``naming:`` change renamed attributes: the items
written before keep the old names, and the new code no longer reads them. The handler
(``cdk_bridge/migration_handler/handler.py``) documents how it copies, resumes and paces itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import cast

from aws_cdk import Acknowledgment, CfnElement, CustomResource, Duration, RemovalPolicy, Stack, Validations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import custom_resources as cr
from constructs import Construct

from cdk_bridge import migration_handler
from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.table import DynamORMTable
from cdk_bridge.migration_handler.handler import MigrationError, check_renames

RESOURCE_TYPE = "Custom::DynamORMMigration"
HANDLER_DIR = Path(migration_handler.__file__).parent
# The Provider framework polls is_complete this often, and gives up after its total timeout (at most 2 hours).
QUERY_INTERVAL = Duration.seconds(30)
MAX_TOTAL_TIMEOUT = Duration.hours(2)


class DynamORMMigration(Construct):
    """Copy each old attribute to its new name on every item of ``table``, once per ``migration_id``.

    :param table: a ``DynamORMTable`` or any ``aws_dynamodb.Table``/``ITable`` (an imported table's
        keys are checked by the handler when it starts).
    :param migration_id: names the migration: it runs when the resource is created or its id changes,
        never again for an id that finished (its progress marker stays in the table).
    :param renames: old attribute name → new name, e.g. ``{"WindowTime": "windowTime"}``.
    :param remove_old: remove the old attribute in the same update that copies it (default False:
        keep it, so code not yet upgraded still reads it).
    :param capacity_share: the share of a provisioned table's read and write capacity to use (0-1].
    :param on_demand_units_per_second: the pace on an on-demand table (read and write units per second).
    :param page_size: items per Scan page (smaller when the pace would make a page take over 30 s).
    :param total_timeout: how long CloudFormation waits for the migration (at most 2 hours); a
        migration still running then fails the deploy, and the next deploy resumes it.

    Nothing happens on stack delete or when only the other props change. A key attribute of the
    table cannot be renamed in place: that is a new table (``tagscan diff`` says so).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        table: DynamORMTable | dynamodb.ITable,
        migration_id: str,
        renames: Mapping[str, str],
        remove_old: bool = False,
        capacity_share: float = 0.25,
        on_demand_units_per_second: float = 100,
        page_size: int = 1000,
        total_timeout: Duration | None = None,
    ) -> None:
        target = table.table if isinstance(table, DynamORMTable) else table
        _check(target, migration_id, renames, capacity_share, on_demand_units_per_second, page_size)
        super().__init__(scope, id)
        self.migration_id = migration_id
        self.renames = dict(renames)

        role = iam.Role(self, "HandlerRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        # One table: its items (scan, migrate, the progress marker) and its description. No index, no other table.
        role.add_to_policy(
            iam.PolicyStatement(
                actions=["dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
                resources=[target.table_arn],
            )
        )
        code = lambda_.Code.from_asset(str(HANDLER_DIR), exclude=["__pycache__", "*.pyc"])
        on_event = self._function("OnEvent", "handler.on_event", Duration.minutes(1), code, role)
        is_complete = self._function("IsComplete", "handler.is_complete", Duration.minutes(15), code, role)
        provider = cr.Provider(
            self,
            "Provider",
            on_event_handler=on_event,
            is_complete_handler=is_complete,
            query_interval=QUERY_INTERVAL,
            total_timeout=total_timeout or MAX_TOTAL_TIMEOUT,
        )
        self.resource = CustomResource(
            self,
            "Resource",
            service_token=provider.service_token,
            resource_type=RESOURCE_TYPE,
            properties={
                "TableName": target.table_name,
                "MigrationId": migration_id,
                "Renames": dict(sorted(renames.items())),
                "RemoveOld": "true" if remove_old else "false",
                "CapacityShare": str(capacity_share),
                "OnDemandUnitsPerSecond": str(on_demand_units_per_second),
                "PageSize": str(page_size),
            },
        )
        _acknowledge_provider_framework(provider, [on_event, is_complete])

    def _function(self, id: str, handler: str, timeout: Duration, code: lambda_.Code, role: iam.Role) -> lambda_.Function:
        log_group = logs.LogGroup(self, f"{id}Logs", retention=logs.RetentionDays.ONE_MONTH, removal_policy=RemovalPolicy.DESTROY)
        log_group.grant_write(role)
        return lambda_.Function(
            self,
            id,
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler=handler,
            code=code,
            timeout=timeout,
            memory_size=256,
            role=role,
            log_group=log_group,
        )


def _check(
    table: dynamodb.ITable,
    migration_id: str,
    renames: Mapping[str, str],
    capacity_share: float,
    on_demand_units_per_second: float,
    page_size: int,
) -> None:
    if not migration_id:
        raise InvalidPropsError("DynamORMMigration: migration_id must not be empty")
    try:
        check_renames(renames)
    except MigrationError as exc:
        raise InvalidPropsError(f"DynamORMMigration {migration_id}: {exc}") from None
    if not 0 < capacity_share <= 1:
        raise InvalidPropsError(f"DynamORMMigration {migration_id}: capacity_share {capacity_share} must be above 0 and at most 1")
    if on_demand_units_per_second <= 0 or page_size < 1:
        raise InvalidPropsError(f"DynamORMMigration {migration_id}: on_demand_units_per_second and page_size must be positive")
    if isinstance(table, dynamodb.Table):
        schema = table.schema_v2()
        keys = {k.name for k in (*schema.partition_keys, *(schema.sort_keys or ())) if k is not None}
        touched = sorted(keys & (set(renames) | set(renames.values())))
        if touched:
            raise InvalidPropsError(
                f"DynamORMMigration {migration_id}: {', '.join(touched)} is a key attribute of the table; an item's key "
                "cannot change in place: the table must be replaced with the new key schema and its items copied"
            )


def _acknowledge_provider_framework(provider: cr.Provider, handlers: list[lambda_.Function]) -> None:
    """What cdk-nag reports inside the CDK's Provider framework, which this construct uses as the CDK builds it.
    The handlers' own role and functions are not covered: they pass on their own."""
    framework = [node for node in provider.node.find_all() if isinstance(node, lambda_.Function)]
    stack = Stack.of(provider)
    invoked = [
        f"AwsSolutions-IAM5[Resource::<{stack.resolve(stack.get_logical_id(cast(CfnElement, function.node.default_child)))}.Arn>:*]"
        for function in (*handlers, *framework)
    ]
    for rule, reason in {
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]": (
            "The CDK Provider framework's functions write their logs through the AWS managed basic execution role."
        ),
        **{rule: "The CDK Provider framework invokes its functions and the handlers by any version." for rule in invoked},
        "AwsSolutions-SF1": "The CDK Provider framework's waiter state machine only polls is_complete; its failures reach CloudFormation.",
        "AwsSolutions-SF2": "The CDK Provider framework's waiter state machine only polls is_complete; tracing it shows nothing more.",
    }.items():
        Validations.of(provider).acknowledge(Acknowledgment(id=rule, reason=reason))
