"""The constructs the way aws-cdk-lib teaches Python users to write them: CDK's own structs and
enums, ``table_props`` for the rest of ``dynamodb.TableProps``, grants that return ``iam.Grant``."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Annotations, Match, Template

from cdk_bridge import (
    DynamORMGSI,
    DynamORMLSI,
    DynamORMTable,
    FunctionKwargs,
    InvalidPropsError,
    MultiTenantDynamORMTable,
)
from cdk_bridge.constructs.table import TABLE_PROPS_COLLISION
from tests.cdk.scenarios import ENV, string

pytestmark = pytest.mark.slow  # jsii starts Node

NUMBER = dynamodb.AttributeType.NUMBER


def _stack(name: str) -> Stack:
    return Stack(App(), name, env=ENV)


def _orders(stack: Stack, cdk_types: bool) -> DynamORMTable:
    """A table with every kind of index, spelled with CDK's structs or with cdk_bridge's dataclasses."""
    total = dynamodb.Attribute(name="total", type=NUMBER)
    if cdk_types:
        gsis: list[Any] = [
            dynamodb.GlobalSecondaryIndexProps(
                index_name="gsi-status", partition_key=string("status"), sort_key=string("createdAt"),
                projection_type=dynamodb.ProjectionType.INCLUDE, non_key_attributes=["total"],
            ),
            dynamodb.GlobalSecondaryIndexPropsV2(index_name="gsi-sku", partition_key=string("sku")),
        ]
        lsis: list[Any] = [
            dynamodb.LocalSecondaryIndexProps(index_name="lsi-created", sort_key=string("createdAt")),
            dynamodb.LocalSecondaryIndexProps(
                index_name="lsi-total", sort_key=total, projection_type=dynamodb.ProjectionType.KEYS_ONLY
            ),
        ]
    else:
        gsis = [
            DynamORMGSI("gsi-status", string("status"), string("createdAt"),
                        projection_type=dynamodb.ProjectionType.INCLUDE, non_key_attributes=["total"]),
            DynamORMGSI("gsi-sku", string("sku")),
        ]
        lsis = [
            DynamORMLSI("lsi-created", string("createdAt")),
            DynamORMLSI("lsi-total", total, projection_type=dynamodb.ProjectionType.KEYS_ONLY),
        ]
    return DynamORMTable(
        stack, "Orders", model_name="Order", partition_key=string("customerID"), sort_key=string("orderID"),
        global_secondary_indexes=gsis, local_secondary_indexes=lsis,
    )


def test_cdk_index_props_make_the_same_table_as_the_dataclasses() -> None:
    ours, cdk = _stack("S"), _stack("S")
    _orders(ours, cdk_types=False)
    _orders(cdk, cdk_types=True)
    template = Template.from_stack(cdk).to_json()
    assert template == Template.from_stack(ours).to_json()
    [table] = [r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert [i["IndexName"] for i in table["Properties"]["GlobalSecondaryIndexes"]] == ["gsi-status", "gsi-sku"]
    assert [i["IndexName"] for i in table["Properties"]["LocalSecondaryIndexes"]] == ["lsi-created", "lsi-total"]


def test_index_props_v2_with_table_v2_capacities_are_refused() -> None:
    index = dynamodb.GlobalSecondaryIndexPropsV2(
        index_name="gsi-sku", partition_key=string("sku"), read_capacity=dynamodb.Capacity.fixed(5)
    )
    stack = _stack("S")
    with pytest.raises(InvalidPropsError, match=r"'gsi-sku': GlobalSecondaryIndexPropsV2 read_capacity are TableV2"):
        DynamORMTable(stack, "T", model_name="T", partition_key=string("id"), global_secondary_indexes=[index])
    assert stack.node.children == []


@pytest.fixture(scope="module")
def granted() -> dict[str, Any]:
    stack = _stack("Grants")
    principal = iam.ServicePrincipal("lambda.amazonaws.com")
    orders = MultiTenantDynamORMTable(
        stack, "Orders", model_name="Order", partition_key=string("tenantID"), sort_key=string("orderID"),
        global_secondary_indexes=[DynamORMGSI("gsi-tenant", string("tenantID"))],
    )
    grants = {
        "dynamorm": orders.grant_dynamorm_access(iam.Role(stack, "App", assumed_by=principal)),
        "tenant": orders.grant_tenant_access(iam.Role(stack, "Tenant", assumed_by=principal), "tenant-1"),
        "admin": orders.grant_tenant_access(iam.Role(stack, "Admin", assumed_by=principal)),
        "read": orders.grant_read_data(iam.Role(stack, "Reader", assumed_by=principal)),
        "stream": orders.grant_stream_read(iam.Role(stack, "Streamer", assumed_by=principal)),
        "custom": orders.grant(iam.Role(stack, "Custom", assumed_by=principal), "dynamodb:DescribeTable"),
    }
    return {"stack": stack, "table": orders, "grants": grants}


def _statements(grant: iam.Grant, stack: Stack) -> list[dict[str, Any]]:
    return [stack.resolve(statement.to_statement_json()) for statement in grant.principal_statements]


def test_every_grant_is_an_iam_grant_with_its_statements(granted: dict[str, Any]) -> None:
    stack, grants = granted["stack"], granted["grants"]
    arn = {"Fn::GetAtt": [stack.get_logical_id(granted["table"].table.node.default_child), "Arn"]}
    for name, grant in grants.items():
        assert isinstance(grant, iam.Grant), name
        grant.assert_success()
    dynamorm = _statements(grants["dynamorm"], stack)
    assert {
        "Action": ["dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:DescribeTimeToLive"],
        "Effect": "Allow",
        "Resource": arn,
    } in dynamorm
    assert any("dynamodb:PutItem" in s["Action"] for s in dynamodb_statements(dynamorm))
    [tenant] = _statements(grants["tenant"], stack)
    assert tenant["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["tenant-1"]}}
    assert "dynamodb:Scan" not in tenant["Action"]
    assert _statements(grants["admin"], stack) == dynamorm
    assert [s["Action"] for s in _statements(grants["custom"], stack)] == ["dynamodb:DescribeTable"]


def dynamodb_statements(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in statements if isinstance(s["Action"], list)]


def test_the_table_construct_reads_like_its_table(granted: dict[str, Any]) -> None:
    stack, orders = granted["stack"], granted["table"]
    table: dynamodb.Table = orders.table
    assert isinstance(table, dynamodb.Table)
    for name in ("table_name", "table_arn", "table_stream_arn"):
        assert stack.resolve(getattr(orders, name)) == stack.resolve(getattr(table, name)), name


@pytest.fixture(scope="module")
def table_props() -> dict[str, Any]:
    stack = _stack("TableProps")
    key = kms.Key(stack, "Key")
    # The construct's own arguments win over table_props where both set something, with a warning.
    DynamORMTable(
        stack, "Clash", model_name="Clash", partition_key=string("id"), billing_mode=dynamodb.BillingMode.PROVISIONED,
        point_in_time_recovery=False,
        table_props=dynamodb.TableProps(
            partition_key=string("id"), billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST, point_in_time_recovery=True,
            contributor_insights_specification=dynamodb.ContributorInsightsSpecification(enabled=True),
        ),
    )
    # A mapping works too; keys equal to the construct's are no collision.
    DynamORMTable(
        stack, "Extra", model_name="Extra", partition_key=string("id"),
        table_props={
            "partition_key": {"name": "id", "type": dynamodb.AttributeType.STRING},
            "table_class": dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS,
            "encryption_key": key,
            "point_in_time_recovery_specification": dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=False
            ),
        },
    )
    return {"stack": stack, "template": Template.from_stack(stack), "key": key}


def _table(template: Template, model: str) -> dict[str, Any]:
    tables = template.find_resources(
        "AWS::DynamoDB::Table", {"Properties": {"Tags": Match.array_with([{"Key": "ModelName", "Value": model}])}}
    )
    [table] = tables.values()
    properties: dict[str, Any] = table["Properties"]
    return properties


def test_table_props_pass_the_other_table_settings_through(table_props: dict[str, Any]) -> None:
    stack, template = table_props["stack"], table_props["template"]
    extra = _table(template, "Extra")
    assert extra["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert extra["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": False}
    assert extra["SSESpecification"]["SSEType"] == "KMS"
    assert extra["SSESpecification"]["KMSMasterKeyId"] == stack.resolve(table_props["key"].key_arn)
    assert _table(template, "Clash")["ContributorInsightsSpecification"] == {"Enabled": True}


def test_the_construct_arguments_win_and_the_collision_is_a_warning(table_props: dict[str, Any]) -> None:
    clash = _table(table_props["template"], "Clash")
    assert "BillingMode" not in clash and "ProvisionedThroughput" in clash  # PROVISIONED, the argument
    assert clash["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": False}
    warnings = Annotations.from_stack(table_props["stack"]).find_warning("*", Match.string_like_regexp("table_props"))
    assert [(w.id, w.entry.data) for w in warnings] == [
        (
            "/TableProps/Clash",
            "table_props point_in_time_recovery_specification, billing_mode ignored: the DynamORMTable arguments "
            f"point_in_time_recovery, billing_mode set them otherwise, and win [ack: {TABLE_PROPS_COLLISION}]",
        )
    ]


def test_function_kwargs_declare_every_function_prop() -> None:
    assert set(FunctionKwargs.__annotations__) == set(inspect.signature(lambda_.FunctionProps).parameters)
