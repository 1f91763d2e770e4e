"""Test stacks for what goes beyond the seed: one builder per stack, each synthesized once per session."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from aws_cdk import Acknowledgment, App, CfnElement, RemovalPolicy, Stack, Validations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

from cdk_bridge import (
    NAMING_CONTEXT_KEY,
    AutoScalingConfig,
    DynamORMFunction,
    DynamORMGSI,
    DynamORMLSI,
    DynamORMTable,
    EventDrivenAPI,
    IdempotencyTable,
    MultiTenantDynamORMTable,
    RateLimitedFunction,
    RateLimitTable,
)
from tests.cdk.scenarios import ASSET, ENV, string


def _stack(outdir: str, name: str, context: dict[str, str] | None = None) -> Stack:
    return Stack(App(outdir=outdir, context=context), name, env=ENV)


def table_extensions(outdir: str) -> Stack:
    """Every optional DynamORMTable prop beyond the seed, and a function reading the explicit env var."""
    stack = _stack(outdir, "TableExtensions")
    orders = DynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        partition_key=string("customerID"),
        sort_key=string("orderID"),
        global_secondary_indexes=[
            DynamORMGSI(
                "gsi-status",
                string("status"),
                string("createdAt"),
                projection_type=dynamodb.ProjectionType.INCLUDE,
                non_key_attributes=["total", "currency"],
            )
        ],
        local_secondary_indexes=[
            DynamORMLSI("lsi-created", string("createdAt")),
            DynamORMLSI("lsi-total", dynamodb.Attribute(name="total", type=dynamodb.AttributeType.NUMBER),
                        projection_type=dynamodb.ProjectionType.KEYS_ONLY),
        ],
        table_name="orders",
        env_var="ORDERS_TABLE",
        removal_policy=RemovalPolicy.DESTROY,
        deletion_protection=True,
        point_in_time_recovery=False,
    )
    DynamORMFunction(
        stack,
        "Reader",
        runtime=lambda_.Runtime.PROVIDED_AL2023,
        handler="bootstrap",
        code=lambda_.Code.from_asset(str(ASSET)),
        dynamorm_tables=[orders],
    )
    return stack


def auto_scaling(outdir: str) -> Stack:
    stack = _stack(outdir, "AutoScaling")
    DynamORMTable(
        stack,
        "Metrics",
        model_name="Metric",
        partition_key=string("seriesID"),
        sort_key=string("at"),
        global_secondary_indexes=[DynamORMGSI("gsi-host", string("host")), DynamORMGSI("gsi-region", string("region"))],
        billing_mode=dynamodb.BillingMode.PROVISIONED,
        auto_scaling=AutoScalingConfig(min_capacity=2, max_capacity=40, target_utilization=65),
    )
    return stack


def default_naming(outdir: str) -> Stack:
    """The pattern tables with no naming context: the ORM's default camelCase."""
    stack = _stack(outdir, "DefaultNaming")
    RateLimitTable(stack, "RateLimitTable")
    IdempotencyTable(stack, "IdempotencyTable")
    return stack


def context_naming(outdir: str) -> Stack:
    """snake_case from the app context, and a table whose ``naming`` argument overrides it."""
    stack = _stack(outdir, "ContextNaming", context={NAMING_CONTEXT_KEY: "snake_case"})
    RateLimitTable(stack, "RateLimitTable")
    IdempotencyTable(stack, "IdempotencyTable", naming="verbatim", table_name="idempotency-verbatim")
    return stack


def function_defaults(outdir: str) -> Stack:
    """The function constructs with only their required props (and EventDrivenAPI on a current runtime)."""
    stack = _stack(outdir, "FunctionDefaults")
    code = lambda_.Code.from_asset(str(ASSET))
    RateLimitedFunction(
        stack,
        "Limited",
        function_props={"runtime": lambda_.Runtime.PROVIDED_AL2023, "handler": "bootstrap", "code": code},
    )
    EventDrivenAPI(stack, "Events", event_bus_name="bus-2", code=code, runtime=lambda_.Runtime.PROVIDED_AL2023)
    return stack


def tenant_grants(outdir: str) -> Stack:
    stack = _stack(outdir, "TenantGrants")
    orders = MultiTenantDynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        partition_key=string("tenantID"),
        sort_key=string("orderID"),
        global_secondary_indexes=[DynamORMGSI("gsi-tenant", string("tenantID")), DynamORMGSI("gsi-sku", string("sku"))],
    )
    principal = iam.ServicePrincipal("lambda.amazonaws.com")
    orders.grant_tenant_access(iam.Role(stack, "TenantRole", assumed_by=principal), "tenant-1")
    iam.Role(stack, "TaggedRole", assumed_by=principal).add_to_policy(orders.tenant_isolation_policy)
    return stack


def _acknowledge(scope: IConstruct, finding: str, reason: str) -> None:
    Validations.of(scope).acknowledge(Acknowledgment(id=f"AwsSolutions::{finding}", reason=reason))


def _logical_id(table: DynamORMTable) -> str:
    stack = Stack.of(table)
    return str(stack.resolve(stack.get_logical_id(cast(CfnElement, table.table.node.default_child))))


def _acknowledge_dynamorm_grant(function: lambda_.Function, tables: list[DynamORMTable]) -> None:
    role = function.role
    assert role is not None
    _acknowledge(
        role,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        "The basic execution role only lets the function write its own CloudWatch logs.",
    )
    for table in tables:
        logical_id = _logical_id(table)
        _acknowledge(
            role,
            f"AwsSolutions-IAM5[Resource::<{logical_id}.Arn>/index/*]",
            "DynamORM queries every index of its own table; the wildcard covers only that table's indexes.",
        )


def every_construct(outdir: str) -> Stack:
    """One of each construct, checked by cdk-nag's AwsSolutions pack during synthesis."""
    app = App(outdir=outdir)
    stack = Stack(app, "EveryConstruct", env=ENV)
    code = lambda_.Code.from_asset(str(ASSET))
    ledger = DynamORMTable(
        stack,
        "Ledger",
        model_name="Ledger",
        partition_key=string("accountID"),
        sort_key=string("entryID"),
        global_secondary_indexes=[DynamORMGSI("gsi-currency", string("currency"))],
        local_secondary_indexes=[DynamORMLSI("lsi-date", string("date"))],
        billing_mode=dynamodb.BillingMode.PROVISIONED,
        auto_scaling=AutoScalingConfig(),
    )
    limits = RateLimitTable(stack, "RateLimitTable", table_name="worker-rate-limits")
    idempotency = IdempotencyTable(stack, "IdempotencyTable", table_name="worker-idempotency")
    worker = DynamORMFunction(
        stack,
        "Worker",
        runtime=lambda_.Runtime.PROVIDED_AL2023,
        handler="bootstrap",
        code=code,
        dynamorm_tables=[ledger, limits, idempotency],
    )
    _acknowledge_dynamorm_grant(worker, [ledger, limits, idempotency])
    limited = RateLimitedFunction(
        stack,
        "Limited",
        function_props={"runtime": lambda_.Runtime.PROVIDED_AL2023, "handler": "bootstrap", "code": code},
    )
    _acknowledge_dynamorm_grant(limited.function, [limited.rate_limit_table])
    orders = MultiTenantDynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        partition_key=string("tenantID"),
        sort_key=string("orderID"),
        global_secondary_indexes=[DynamORMGSI("gsi-tenant", string("tenantID"))],
    )
    principal = iam.ServicePrincipal("lambda.amazonaws.com")
    tenant_role = iam.Role(stack, "TenantRole", assumed_by=principal)
    orders.grant_tenant_access(tenant_role, "tenant-1")
    tenant_role.add_to_policy(orders.tenant_isolation_policy)
    admin_role = iam.Role(stack, "AdminRole", assumed_by=principal)
    orders.grant_tenant_access(admin_role)
    orders_id = _logical_id(orders)
    _acknowledge(
        admin_role,
        f"AwsSolutions-IAM5[Resource::<{orders_id}.Arn>/index/*]",
        "The admin role of a multi-tenant table reads every tenant through every index by design.",
    )
    events = EventDrivenAPI(stack, "Events", event_bus_name="bus-1", code=code, runtime=lambda_.Runtime.PROVIDED_AL2023)
    _acknowledge_dynamorm_grant(events.handler, [events.event_table, events.idempotency_table])
    _acknowledge_open_api(events)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return stack


def _acknowledge_open_api(events: EventDrivenAPI) -> None:
    """The seed's EventDrivenAPI is an open POST endpoint; securing it is the application's job, not the pattern's."""
    api = events.api
    _acknowledge(api, "AwsSolutions-APIG2", "The handler validates the event body itself; the API has no models.")
    _acknowledge(
        api,
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
        "API Gateway's account-level CloudWatch role is the AWS managed policy made for it.",
    )
    _acknowledge(api, "AwsSolutions-APIG1", "Access logging is configured by the application that deploys the API.")
    _acknowledge(api, "AwsSolutions-APIG6", "Execution logging is configured by the application that deploys the API.")
    _acknowledge(api, "AwsSolutions-APIG3", "A WAF web ACL is shared per account and attached outside this pattern.")
    _acknowledge(api, "AwsSolutions-APIG4", "The seed's pattern is an open webhook; callers are authenticated upstream.")
    _acknowledge(api, "AwsSolutions-COG4", "The seed's pattern is an open webhook, not a Cognito user pool API.")


STACKS: dict[str, Callable[[str], Stack]] = {
    "table-extensions": table_extensions,
    "auto-scaling": auto_scaling,
    "default-naming": default_naming,
    "context-naming": context_naming,
    "function-defaults": function_defaults,
    "tenant-grants": tenant_grants,
    "every-construct": every_construct,
}
