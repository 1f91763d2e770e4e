"""The five scenarios of the seed's ``reference-cdk-app/scenarios.ts``, built with ``cdk_bridge``.

Same construct ids, same asset bytes, stack ``Seed``, the same environments, and the naming
context that makes the pattern tables use the seed's attribute names.
"""

from __future__ import annotations

from collections.abc import Callable

from aws_cdk import App, Environment, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from cdk_bridge import (
    NAMING_CONTEXT_KEY,
    DynamORMFunction,
    DynamORMGSI,
    DynamORMTable,
    EventDrivenAPI,
    IdempotencyTable,
    MultiTenantDynamORMTable,
    RateLimitedFunction,
    RateLimitTable,
)
from tests.conftest import FIXTURES

SEED = FIXTURES / "seed"
ASSET = SEED / "asset"
ENV = Environment(account="123456789012", region="us-east-1")


def string(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


def seed_stack(outdir: str, *, fixed_env: bool) -> Stack:
    app = App(outdir=outdir, context={NAMING_CONTEXT_KEY: "verbatim"})
    return Stack(app, "Seed", env=ENV if fixed_env else None)


def pattern_tables(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=False)
    RateLimitTable(stack, "RateLimitTable")
    IdempotencyTable(stack, "IdempotencyTable")
    return stack


def rate_limited_function(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    RateLimitedFunction(
        stack,
        "Limited",
        multi_tenant=True,
        max_requests=50,
        function_props={
            "runtime": lambda_.Runtime.PROVIDED_AL2,
            "handler": "bootstrap",
            "code": lambda_.Code.from_asset(str(ASSET)),
            "environment": {"STAGE": "test"},
        },
    )
    return stack


def event_driven_api(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    EventDrivenAPI(stack, "Events", event_bus_name="bus-1", code=lambda_.Code.from_asset(str(ASSET)))
    return stack


def multi_tenant(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    orders = MultiTenantDynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        multi_tenant=True,
        partition_key=string("TenantID"),
        sort_key=string("OrderID"),
        global_secondary_indexes=[DynamORMGSI("gsi-tenant", string("TenantID"))],
    )
    lambda_principal = iam.ServicePrincipal("lambda.amazonaws.com")
    orders.grant_tenant_access(iam.Role(stack, "TenantRole", assumed_by=lambda_principal), "tenant-1")
    orders.grant_tenant_access(iam.Role(stack, "AdminRole", assumed_by=lambda_principal))
    return stack


def custom_table(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    ledger = DynamORMTable(
        stack,
        "Ledger",
        model_name="Ledger",
        partition_key=string("AccountID"),
        global_secondary_indexes=[
            DynamORMGSI(
                "gsi-amount",
                string("Currency"),
                dynamodb.Attribute(name="Amount", type=dynamodb.AttributeType.NUMBER),
                projection_type=dynamodb.ProjectionType.KEYS_ONLY,
            ),
            DynamORMGSI("gsi-blob", dynamodb.Attribute(name="Digest", type=dynamodb.AttributeType.BINARY)),
        ],
        ttl_attribute="ExpiresAt",
        stream_view_type=dynamodb.StreamViewType.NEW_IMAGE,
    )
    idem = IdempotencyTable(stack, "Idem")
    DynamORMFunction(
        stack,
        "Worker",
        runtime=lambda_.Runtime.PROVIDED_AL2,
        handler="bootstrap",
        code=lambda_.Code.from_asset(str(ASSET)),
        dynamorm_tables=[ledger, idem],
        enable_lambda_optimizations=False,
    )
    return stack


SCENARIOS: dict[str, Callable[[str], Stack]] = {
    "pattern-tables": pattern_tables,
    "rate-limited-function": rate_limited_function,
    "event-driven-api": event_driven_api,
    "multi-tenant": multi_tenant,
    "custom-table": custom_table,
}
