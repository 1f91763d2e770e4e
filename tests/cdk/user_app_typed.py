"""A CDK app as a Python user writes one: every cdk_bridge construct with CDK's own types.

tests/cdk/test_user_app_typed.py checks it under ``mypy --strict`` and synthesizes it.
"""

from __future__ import annotations

import pathlib

from aws_cdk import App, Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from cdk_bridge import (
    DynamORMFunction,
    DynamORMModelsStack,
    DynamORMTable,
    EventDrivenAPI,
    IdempotencyTable,
    MultiTenantDynamORMTable,
    RateLimitedFunction,
    RateLimitTable,
)

STRING = dynamodb.AttributeType.STRING


def build(outdir: str, models: pathlib.Path, asset: pathlib.Path) -> App:
    app = App(outdir=outdir)
    code = lambda_.Code.from_asset(str(asset))

    stack = Stack(app, "Shop")
    orders = DynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        partition_key=dynamodb.Attribute(name="customerID", type=STRING),
        sort_key=dynamodb.Attribute(name="orderID", type=STRING),
        global_secondary_indexes=[
            dynamodb.GlobalSecondaryIndexProps(
                index_name="gsi-status",
                partition_key=dynamodb.Attribute(name="status", type=STRING),
                projection_type=dynamodb.ProjectionType.KEYS_ONLY,
            ),
            dynamodb.GlobalSecondaryIndexPropsV2(
                index_name="gsi-sku", partition_key=dynamodb.Attribute(name="sku", type=STRING)
            ),
        ],
        local_secondary_indexes=[
            dynamodb.LocalSecondaryIndexProps(
                index_name="lsi-created", sort_key=dynamodb.Attribute(name="createdAt", type=STRING)
            )
        ],
        ttl_attribute="expiresAt",
        removal_policy=RemovalPolicy.DESTROY,
        table_props=dynamodb.TableProps(
            partition_key=dynamodb.Attribute(name="customerID", type=STRING),
            contributor_insights_specification=dynamodb.ContributorInsightsSpecification(enabled=True),
            table_class=dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS,
        ),
    )
    tenants = MultiTenantDynamORMTable(
        stack,
        "Tenants",
        model_name="Tenant",
        partition_key=dynamodb.Attribute(name="tenantID", type=STRING),
        sort_key=dynamodb.Attribute(name="itemID", type=STRING),
    )
    limits = RateLimitTable(stack, "RateLimitTable", billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST)
    idempotency = IdempotencyTable(stack, "IdempotencyTable", stream_view_type=dynamodb.StreamViewType.KEYS_ONLY)
    api = DynamORMFunction(
        stack,
        "Api",
        dynamorm_tables=[orders, limits, idempotency],
        runtime=lambda_.Runtime.PROVIDED_AL2023,
        handler="bootstrap",
        code=code,
        memory_size=256,
        timeout=Duration.seconds(10),
        environment={"STAGE": "prod"},
    )
    limited = RateLimitedFunction(
        stack,
        "Limited",
        function_props=lambda_.FunctionProps(runtime=lambda_.Runtime.PROVIDED_AL2023, handler="bootstrap", code=code),
        max_requests=20,
    )
    EventDrivenAPI(stack, "Events", event_bus_name="shop-events", code=code, runtime=lambda_.Runtime.PROVIDED_AL2023)

    principal = iam.ServicePrincipal("lambda.amazonaws.com")
    grants: list[iam.Grant] = [
        orders.grant_read_data(iam.Role(stack, "Reporting", assumed_by=principal)),
        tenants.grant_tenant_access(iam.Role(stack, "TenantRole", assumed_by=principal), "tenant-1"),
        limits.grant_dynamorm_access(limited.function),
    ]
    for grant in grants:
        grant.assert_success()
    stream_arn: str | None = orders.table_stream_arn
    assert stream_arn is not None

    models_stack = DynamORMModelsStack(
        app,
        "Models",
        models=models,
        billing_mode=dynamodb.BillingMode.PROVISIONED,
        removal_policy=RemovalPolicy.DESTROY,
        table_tags={"data": "orders"},
        table_overrides={"EVENTTABLE_TABLE_NAME": {"billing_mode": dynamodb.BillingMode.PAY_PER_REQUEST}},
        description="The tables of the shop's Go models",
    )
    worker = DynamORMFunction(
        models_stack,
        "Worker",
        dynamorm_tables=list(models_stack.tables.values()),
        environment=models_stack.table_environment,
        runtime=lambda_.Runtime.PROVIDED_AL2023,
        handler="bootstrap",
        code=lambda_.Code.from_asset(str(asset)),  # an asset belongs to one stack
    )
    models_stack.grant(worker).assert_success()
    assert api.function_name and models_stack.environment.startswith("aws://")
    return app
