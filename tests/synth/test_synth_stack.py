"""`DynamORMModelsStack` as a library: tables from the scan, outputs, environment, grants, overrides."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Match, Template

import tagscan
from cdk_bridge import DynamORMModelsStack
from cdk_bridge.stack import stack_from_options
from cdk_bridge.spec import SynthOptions
from tagscan.errors import ConfigError
from tagscan.model import Index, ScanResult
from tests.synth.conftest import MODELS
from tests.synth.synth_ir import key, scan_of, table

pytestmark = pytest.mark.slow  # jsii starts Node


@pytest.fixture(scope="module")
def scan() -> ScanResult:
    return tagscan.scan(MODELS)


@pytest.fixture(scope="module")
def built(scan: ScanResult) -> dict[str, Any]:
    """One app, three stacks: defaults, options with a per-table override, hand-built IR."""
    app = cdk.App()
    default = DynamORMModelsStack(app, "Models", models=MODELS)
    role = iam.Role(default, "Reader", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    grant = default.grant(role)
    tuned = DynamORMModelsStack(
        app,
        "Tuned",
        models=scan,
        billing_mode=dynamodb.BillingMode.PROVISIONED,
        removal_policy=cdk.RemovalPolicy.DESTROY,
        table_tags={"team": "payments"},
        table_overrides={"EVENTTABLE_TABLE_NAME": {"billing_mode": dynamodb.BillingMode.PAY_PER_REQUEST, "tags": {"tier": "gold"}}},
    )
    iam.Role(tuned, "Reader", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    lsi = Index("lsi-status", "LSI", None, key("status"))
    literal = DynamORMModelsStack(
        app, "Literal", models=scan_of(table(("Order",), name="app-orders", pk=key("id"), sk=key("at", "N"), indexes=(lsi,)))
    )
    return {
        "default": default,
        "grant": grant,
        "template": Template.from_stack(default),
        "tuned": Template.from_stack(tuned),
        "literal": Template.from_stack(literal),
    }


def test_one_table_per_scanned_table_with_the_keys_and_indexes_the_orm_writes(scan: ScanResult, built: dict[str, Any]) -> None:
    template: Template = built["template"]
    template.resource_count_is("AWS::DynamoDB::Table", len(scan.tables))
    for t in scan.tables:
        key_schema = [{"AttributeName": t.partition_key.attribute, "KeyType": "HASH"}]
        if t.sort_key:
            key_schema.append({"AttributeName": t.sort_key.attribute, "KeyType": "RANGE"})
        gsis = [
            {
                "IndexName": i.name,
                "KeySchema": [
                    {"AttributeName": k.attribute, "KeyType": role}
                    for k, role in ((i.partition_key, "HASH"), (i.sort_key, "RANGE"))
                    if k
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for i in t.indexes
            if i.kind == "GSI"
        ]
        names = {k.attribute: k.type for i in t.indexes for k in (i.partition_key, i.sort_key) if k}
        names |= {k.attribute: k.type for k in (t.partition_key, t.sort_key) if k}
        template.has_resource_properties(
            "AWS::DynamoDB::Table",
            {
                "KeySchema": key_schema,
                "GlobalSecondaryIndexes": gsis or Match.absent(),
                "AttributeDefinitions": [{"AttributeName": n, "AttributeType": names[n]} for n in sorted(names)],
                "TimeToLiveSpecification": {"AttributeName": t.ttl.attribute, "Enabled": True} if t.ttl else Match.absent(),
                "DeletionProtectionEnabled": True,
            },
        )


def test_env_var_tables_get_the_seed_physical_name_and_an_output_naming_the_env_var(built: dict[str, Any]) -> None:
    template: Template = built["template"]
    stack: DynamORMModelsStack = built["default"]
    template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {"TableName": {"Fn::Join": ["", ["RateLimit-", {"Ref": "AWS::AccountId"}, "-", {"Ref": "AWS::Region"}]]}},
    )
    outputs = template.find_outputs("*")
    assert sorted(outputs) == ["EventTableName", "IdempotencyTableName", "RateLimitTableName"]
    for env, token in stack.table_environment.items():
        construct = stack.tables[env]
        ref = stack.resolve(token)
        assert ref == {"Ref": stack.get_logical_id(construct.table.node.default_child)}
        (output,) = [o for o in outputs.values() if o["Value"] == ref]
        assert env in output["Description"]
    assert sorted(stack.table_environment) == ["EVENTTABLE_TABLE_NAME", "IDEMPOTENCYTABLE_TABLE_NAME", "RATELIMITTABLE_TABLE_NAME"]
    assert stack.tables.keys() == stack.table_environment.keys()


def test_environment_is_the_stack_environment_as_for_any_stack(built: dict[str, Any]) -> None:
    stack: DynamORMModelsStack = built["default"]
    assert stack.environment == "aws://unknown-account/unknown-region"
    manifest_env = cdk.App.of(stack).synth().get_stack_by_name("Models").environment
    assert (manifest_env.account, manifest_env.region) == ("unknown-account", "unknown-region")


def test_grant_gives_the_orm_access_to_every_table(built: dict[str, Any]) -> None:
    grant: iam.Grant = built["grant"]
    grant.assert_success()
    template: Template = built["template"]
    (policy,) = template.find_resources("AWS::IAM::Policy").values()
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    granted = {r["Fn::GetAtt"][0] for s in statements for r in _as_list(s["Resource"]) if isinstance(r, dict) and "Fn::GetAtt" in r}
    assert granted == set(template.find_resources("AWS::DynamoDB::Table"))
    actions = {a for s in statements for a in _as_list(s["Action"])}
    assert {"dynamodb:PutItem", "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"} <= actions


def test_options_apply_to_every_table_and_overrides_to_theirs(built: dict[str, Any]) -> None:
    tuned: Template = built["tuned"]
    tables = tuned.find_resources("AWS::DynamoDB::Table")
    by_model = {next(t["Value"] for t in r["Properties"]["Tags"] if t["Key"] == "ModelName"): r for r in tables.values()}
    assert by_model["Event"]["Properties"]["BillingMode"] == "PAY_PER_REQUEST"
    assert {"Key": "tier", "Value": "gold"} in by_model["Event"]["Properties"]["Tags"]
    for name in ("RateLimit", "Idempotency"):
        assert "ProvisionedThroughput" in by_model[name]["Properties"]
        assert {"Key": "tier", "Value": "gold"} not in by_model[name]["Properties"]["Tags"]
    for resource in tables.values():
        assert resource["DeletionPolicy"] == "Delete"
        assert {"Key": "team", "Value": "payments"} in resource["Properties"]["Tags"]
    # Table tags are the tables': the role in the same stack has none.
    (role,) = tuned.find_resources("AWS::IAM::Role").values()
    assert "Tags" not in role["Properties"]


def test_tags_are_stack_tags_as_for_any_stack() -> None:
    # Stack tags go on the stack, and CloudFormation puts them on every resource it creates there.
    app = cdk.App()
    with pytest.warns(DeprecationWarning, match=r"tags=\.\.\.\) are Stack tags now"):
        stack = DynamORMModelsStack(app, "S", models=MODELS, tags={"team": "x"})
    cdk.Stack(app, "Plain", tags={"team": "x"})
    assert stack.tags.tag_values() == {"team": "x"}
    assembly = app.synth()
    assert assembly.get_stack_by_name("S").tags == assembly.get_stack_by_name("Plain").tags == {"team": "x"}


def test_settings_given_as_strings_still_work_with_a_deprecation_warning() -> None:
    app = cdk.App()
    with pytest.warns(DeprecationWarning, match=r"billing_mode='provisioned'.*pass the CDK enum members"):
        stack = DynamORMModelsStack(app, "Strings", models=MODELS, billing_mode="provisioned")  # type: ignore[arg-type]
    Template.from_stack(stack).all_resources_properties("AWS::DynamoDB::Table", {"ProvisionedThroughput": Match.object_like({})})


def test_literal_names_are_used_as_they_are_and_lsis_share_the_partition_key(built: dict[str, Any]) -> None:
    literal: Template = built["literal"]
    literal.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "TableName": "app-orders",
            "LocalSecondaryIndexes": [
                {
                    "IndexName": "lsi-status",
                    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "status", "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        },
    )
    assert list(literal.find_outputs("*")) == ["AppOrdersTableName"]


def test_stack_from_options_names_the_stack_and_sets_its_environment() -> None:
    app = cdk.App()
    options = SynthOptions.from_mapping({"stack-name": "Shop", "account": "123456789012", "region": "eu-west-1"})
    stack = stack_from_options(app, MODELS, options)
    assert (stack.stack_name, stack.account, stack.region) == ("Shop", "123456789012", "eu-west-1")


def test_invalid_options_raise_config_errors_before_anything_is_built() -> None:
    app = cdk.App()
    with pytest.raises(ConfigError, match="billing-mode: 'FREE' is not one of"):
        DynamORMModelsStack(app, "Bad", models=MODELS, billing_mode="FREE")  # type: ignore[arg-type]
    assert app.node.children == []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
