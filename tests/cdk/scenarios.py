"""The five scenarios of the seed's ``reference-cdk-app/scenarios.ts``, built with ``cdk_bridge``.

Same construct ids, same asset bytes, stack ``Seed``, the same environments, and the naming
context that makes the pattern tables use the seed's attribute names. The scenarios with props
are built twice: with mappings and cdk_bridge's dataclasses, and (``<name>:cdk-types``) with
CDK's own ``dynamodb.Attribute``, index props and ``lambda_.FunctionProps``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

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


def key(name: str, cdk_types: bool, type: dynamodb.AttributeType = dynamodb.AttributeType.STRING) -> Any:
    """A key attribute: ``dynamodb.Attribute``, or the mapping of its fields."""
    return dynamodb.Attribute(name=name, type=type) if cdk_types else {"name": name, "type": type}


def gsi(cdk_types: bool, index_name: str, partition_key: Any, sort_key: Any = None, **options: Any) -> Any:
    """A GSI: CDK's ``GlobalSecondaryIndexProps``, or a ``DynamORMGSI``."""
    if cdk_types:
        return dynamodb.GlobalSecondaryIndexProps(index_name=index_name, partition_key=partition_key, sort_key=sort_key, **options)
    return DynamORMGSI(index_name, partition_key, sort_key, **options)


def seed_stack(outdir: str, *, fixed_env: bool) -> Stack:
    app = App(outdir=outdir, context={NAMING_CONTEXT_KEY: "verbatim"})
    return Stack(app, "Seed", env=ENV if fixed_env else None)


def pattern_tables(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=False)
    RateLimitTable(stack, "RateLimitTable")
    IdempotencyTable(stack, "IdempotencyTable")
    return stack


def rate_limited_function(outdir: str, cdk_types: bool) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    props: dict[str, Any] = {
        "runtime": lambda_.Runtime.PROVIDED_AL2,
        "handler": "bootstrap",
        "code": lambda_.Code.from_asset(str(ASSET)),
        "environment": {"STAGE": "test"},
    }
    RateLimitedFunction(
        stack,
        "Limited",
        multi_tenant=True,
        max_requests=50,
        function_props=lambda_.FunctionProps(**props) if cdk_types else props,
    )
    return stack


def event_driven_api(outdir: str) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    EventDrivenAPI(stack, "Events", event_bus_name="bus-1", code=lambda_.Code.from_asset(str(ASSET)))
    return stack


def multi_tenant(outdir: str, cdk_types: bool) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    orders = MultiTenantDynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        multi_tenant=True,
        partition_key=key("TenantID", cdk_types),
        sort_key=key("OrderID", cdk_types),
        global_secondary_indexes=[gsi(cdk_types, "gsi-tenant", key("TenantID", cdk_types))],
    )
    lambda_principal = iam.ServicePrincipal("lambda.amazonaws.com")
    orders.grant_tenant_access(iam.Role(stack, "TenantRole", assumed_by=lambda_principal), "tenant-1")
    orders.grant_tenant_access(iam.Role(stack, "AdminRole", assumed_by=lambda_principal))
    return stack


def custom_table(outdir: str, cdk_types: bool) -> Stack:
    stack = seed_stack(outdir, fixed_env=True)
    digest = key("Digest", cdk_types, dynamodb.AttributeType.BINARY)
    ledger = DynamORMTable(
        stack,
        "Ledger",
        model_name="Ledger",
        partition_key=key("AccountID", cdk_types),
        global_secondary_indexes=[
            gsi(
                cdk_types,
                "gsi-amount",
                key("Currency", cdk_types),
                key("Amount", cdk_types, dynamodb.AttributeType.NUMBER),
                projection_type=dynamodb.ProjectionType.KEYS_ONLY,
            ),
            # TableV2's index props, as CDK's newer table takes them, in the CDK-typed build.
            dynamodb.GlobalSecondaryIndexPropsV2(index_name="gsi-blob", partition_key=digest)
            if cdk_types
            else DynamORMGSI("gsi-blob", digest),
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


CDK_TYPES = ":cdk-types"
SCENARIOS: dict[str, Callable[[str], Stack]] = {
    "pattern-tables": pattern_tables,
    "event-driven-api": event_driven_api,
    **{
        f"{name}{suffix}": functools.partial(build, cdk_types=bool(suffix))
        for name, build in [
            ("rate-limited-function", rate_limited_function),
            ("multi-tenant", multi_tenant),
            ("custom-table", custom_table),
        ]
        for suffix in ("", CDK_TYPES)
    },
}


def seed_scenario(name: str) -> str:
    """The seed scenario a build is of (``custom-table:cdk-types`` → ``custom-table``)."""
    return name.removesuffix(CDK_TYPES)
