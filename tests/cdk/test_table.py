"""DynamORMTable's extensions beyond the seed: LSIs, projections, names, removal, protection, auto scaling."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Match, Template

pytestmark = pytest.mark.slow  # jsii starts Node


@pytest.fixture(scope="module")
def extensions(template_of) -> Template:
    return Template.from_json(template_of("table-extensions"))


@pytest.fixture(scope="module")
def scaling(template_of) -> Template:
    return Template.from_json(template_of("auto-scaling"))


def test_local_secondary_indexes_with_their_projections(extensions):
    extensions.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "LocalSecondaryIndexes": [
                {
                    "IndexName": "lsi-created",
                    "KeySchema": [
                        {"AttributeName": "customerID", "KeyType": "HASH"},
                        {"AttributeName": "createdAt", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                },
                {
                    "IndexName": "lsi-total",
                    "KeySchema": [
                        {"AttributeName": "customerID", "KeyType": "HASH"},
                        {"AttributeName": "total", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                },
            ],
            "AttributeDefinitions": Match.array_with([{"AttributeName": "total", "AttributeType": "N"}]),
        },
    )


def test_include_projection_lists_the_non_key_attributes(extensions):
    extensions.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "GlobalSecondaryIndexes": [
                Match.object_like(
                    {
                        "IndexName": "gsi-status",
                        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "currency"]},
                    }
                )
            ]
        },
    )


def test_explicit_name_protection_removal_and_no_pitr(extensions):
    extensions.has_resource(
        "AWS::DynamoDB::Table",
        {
            "Properties": Match.object_like(
                {
                    "TableName": "orders",
                    "DeletionProtectionEnabled": True,
                    "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": False},
                    "Tags": [{"Key": "DynamORM", "Value": "true"}, {"Key": "ModelName", "Value": "Order"}],
                }
            ),
            "DeletionPolicy": "Delete",
            "UpdateReplacePolicy": "Delete",
        },
    )


def test_function_gets_the_table_name_in_the_explicit_env_var(extensions):
    [table_id] = extensions.find_resources("AWS::DynamoDB::Table")
    extensions.has_resource_properties(
        "AWS::Lambda::Function",
        {"Environment": {"Variables": Match.object_like({"ORDERS_TABLE": {"Ref": table_id}})}},
    )
    [function] = extensions.find_resources("AWS::Lambda::Function").values()
    assert "ORDERS_TABLE_NAME" not in function["Properties"]["Environment"]["Variables"]


def test_provisioned_capacity_for_table_and_gsis(scaling):
    scaling.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "BillingMode": Match.absent(),
            "ProvisionedThroughput": Match.object_like({}),
            "GlobalSecondaryIndexes": Match.array_with(
                [Match.object_like({"IndexName": "gsi-host", "ProvisionedThroughput": Match.object_like({})})]
            ),
        },
    )


def test_auto_scaling_targets_cover_table_and_every_gsi(scaling):
    [table_id] = scaling.find_resources("AWS::DynamoDB::Table")
    targets = scaling.find_resources(
        "AWS::ApplicationAutoScaling::ScalableTarget", {"Properties": {"MinCapacity": 2, "MaxCapacity": 40}}
    )
    scaled = set()
    for target in targets.values():
        props = target["Properties"]
        parts = props["ResourceId"]["Fn::Join"][1]
        assert parts[1] == {"Ref": table_id}
        resource = "table" if len(parts) == 2 else parts[2]
        scaled.add((resource, props["ScalableDimension"]))
    expected = set()
    for resource, kind in [("table", "table"), ("/index/gsi-host", "index"), ("/index/gsi-region", "index")]:
        for unit in ("Read", "Write"):
            expected.add((resource, f"dynamodb:{kind}:{unit}CapacityUnits"))
    assert scaled == expected


def test_every_target_tracks_the_configured_utilization(scaling):
    targets = scaling.find_resources("AWS::ApplicationAutoScaling::ScalableTarget")
    policies = scaling.find_resources("AWS::ApplicationAutoScaling::ScalingPolicy")
    assert sorted(policy["Properties"]["ScalingTargetId"]["Ref"] for policy in policies.values()) == sorted(targets)
    for policy in policies.values():
        config = policy["Properties"]["TargetTrackingScalingPolicyConfiguration"]
        assert config["TargetValue"] == 65
