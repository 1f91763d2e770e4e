"""Invalid props fail at construction time, with a message that names the problem, before any resource exists."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from cdk_bridge import (
    AutoScalingConfig,
    DynamORMFunction,
    DynamORMGSI,
    DynamORMLSI,
    DynamORMTable,
    IdempotencyTable,
    InvalidPropsError,
    MultiTenantDynamORMTable,
    RateLimitedFunction,
    RateLimitTable,
)
from tagscan.errors import ConfigError
from tests.cdk.scenarios import ASSET, string

pytestmark = pytest.mark.slow  # jsii starts Node


@pytest.fixture
def stack() -> Stack:
    return Stack(App(), "Invalid")


def gsi(name: str, **kwargs: Any) -> DynamORMGSI:
    return DynamORMGSI(name, string("g"), **kwargs)


def lsi(name: str, **kwargs: Any) -> DynamORMLSI:
    return DynamORMLSI(name, string("l"), **kwargs)


INVALID_TABLE_PROPS = {
    "lsi-without-sort-key": ({"local_secondary_indexes": [lsi("lsi-a")]}, "needs a sort_key"),
    "repeated-gsi-name": (
        {"sort_key": string("sk"), "global_secondary_indexes": [gsi("gsi-a"), gsi("gsi-a")]},
        "'gsi-a' is used twice",
    ),
    "gsi-and-lsi-same-name": (
        {"sort_key": string("sk"), "global_secondary_indexes": [gsi("idx")], "local_secondary_indexes": [lsi("idx")]},
        "'idx' is used twice",
    ),
    "21-gsis": ({"global_secondary_indexes": [gsi(f"gsi-{n}") for n in range(21)]}, "at most 20"),
    "6-lsis": ({"sort_key": string("sk"), "local_secondary_indexes": [lsi(f"lsi-{n}") for n in range(6)]}, "at most 5"),
    "include-without-attributes": (
        {"global_secondary_indexes": [gsi("gsi-a", projection_type=dynamodb.ProjectionType.INCLUDE)]},
        "INCLUDE needs non_key_attributes",
    ),
    "attributes-without-include": (
        {"global_secondary_indexes": [gsi("gsi-a", non_key_attributes=["x"])]},
        "only allowed with projection_type",
    ),
    "too-many-projected-attributes": (
        {
            "global_secondary_indexes": [
                gsi(f"gsi-{n}", projection_type=dynamodb.ProjectionType.INCLUDE,
                    non_key_attributes=[f"a{n}-{i}" for i in range(30)])
                for n in range(4)
            ]
        },
        "120 projected non-key attributes",
    ),
    "short-index-name": ({"global_secondary_indexes": [gsi("g")]}, "3 to 255 characters"),
    "auto-scaling-on-demand": ({"auto_scaling": AutoScalingConfig()}, "needs billing_mode=BillingMode.PROVISIONED"),
    "bad-env-var": ({"env_var": "ORDERS-TABLE"}, "not a valid environment variable name"),
}


@pytest.mark.parametrize(("props", "message"), INVALID_TABLE_PROPS.values(), ids=list(INVALID_TABLE_PROPS))
def test_invalid_table_props_raise_before_anything_is_created(stack, props, message):
    with pytest.raises(InvalidPropsError, match=message):
        DynamORMTable(stack, "Orders", model_name="Order", partition_key=string("pk"), **props)
    assert stack.node.try_find_child("Orders") is None


def test_the_limits_themselves_are_accepted(stack):
    table = DynamORMTable(
        stack,
        "Orders",
        model_name="Order",
        partition_key=string("pk"),
        sort_key=string("sk"),
        global_secondary_indexes=[gsi(f"gsi-{n}") for n in range(20)],
        local_secondary_indexes=[lsi(f"lsi-{n}") for n in range(5)],
    )
    assert len(table.index_names) == 25


def test_the_multi_tenant_table_checks_the_same_props(stack):
    with pytest.raises(InvalidPropsError, match="needs a sort_key"):
        MultiTenantDynamORMTable(
            stack, "Orders", model_name="Order", partition_key=string("pk"), local_secondary_indexes=[lsi("lsi-a")]
        )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"min_capacity": 0}, "1 <= min_capacity"),
        ({"min_capacity": 10, "max_capacity": 5}, "min_capacity <= max_capacity"),
        ({"target_utilization": 95}, "between 10 and 90"),
    ],
)
def test_invalid_auto_scaling_config(config, message):
    with pytest.raises(InvalidPropsError, match=message):
        AutoScalingConfig(**config)


def test_the_error_is_a_tagscan_config_error_and_a_value_error():
    # The CLI prints ConfigErrors as `tagscan: error: ...`; plain CDK apps catch ValueError.
    assert issubclass(InvalidPropsError, ConfigError)
    assert issubclass(InvalidPropsError, ValueError)


def test_unknown_naming_is_rejected(stack):
    with pytest.raises(InvalidPropsError, match="naming 'PascalCase' is not one of camelCase, snake_case, verbatim"):
        RateLimitTable(stack, "RateLimitTable", naming="PascalCase")


def test_unknown_naming_in_the_context_is_rejected():
    stack = Stack(App(context={"dynamorm:naming": "kebab"}), "Invalid")
    with pytest.raises(InvalidPropsError, match="naming 'kebab'"):
        IdempotencyTable(stack, "IdempotencyTable")


def test_pattern_tables_refuse_keys_that_contradict_their_model(stack):
    with pytest.raises(TypeError, match=r"unexpected keyword arguments \['partition_key'\] \(its model name, keys"):
        RateLimitTable(stack, "RateLimitTable", partition_key=string("PK"))  # type: ignore[call-arg]


def test_two_tables_in_one_env_var(stack):
    first = DynamORMTable(stack, "A", model_name="A", partition_key=string("pk"), env_var="TABLE")
    second = DynamORMTable(stack, "B", model_name="B", partition_key=string("pk"), env_var="TABLE")
    with pytest.raises(InvalidPropsError, match="use the environment variable TABLE"):
        DynamORMFunction(
            stack,
            "Worker",
            runtime=lambda_.Runtime.PROVIDED_AL2023,
            handler="bootstrap",
            code=lambda_.Code.from_asset(str(ASSET)),
            dynamorm_tables=[first, second],
        )


def test_rate_limit_must_allow_a_request(stack):
    with pytest.raises(InvalidPropsError, match="max_requests must be at least 1"):
        RateLimitedFunction(stack, "Limited", function_props={}, max_requests=0)


def test_empty_tenant_id_is_not_the_admin_grant(stack):
    orders = MultiTenantDynamORMTable(stack, "Orders", model_name="Order", partition_key=string("tenantID"))
    role = iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    with pytest.raises(InvalidPropsError, match="tenant_id is empty"):
        orders.grant_tenant_access(role, "")
