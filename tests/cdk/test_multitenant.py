"""Tenant grants: what a tenant role may do, evaluated on the synthesized policy, against the seed's grant."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

import pytest
from aws_cdk.assertions import Match, Template

from tests.cdk.conftest import reference_template

pytestmark = pytest.mark.slow  # jsii starts Node


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def role_statements(template: dict, role_prefix: str) -> list[dict]:
    policies = [
        resource["Properties"]["PolicyDocument"]["Statement"]
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == "AWS::IAM::Policy" and logical_id.startswith(f"{role_prefix}DefaultPolicy")
    ]
    [statements] = policies
    return statements


def _condition_holds(condition: dict, leading_keys: Sequence[str]) -> bool:
    for operator, tests in condition.items():
        if operator != "ForAllValues:StringEquals" or set(tests) != {"dynamodb:LeadingKeys"}:
            raise NotImplementedError(f"condition {operator} {sorted(tests)}")
        # ForAllValues: every value in the request is allowed; true when the request has none.
        if not all(key in tests["dynamodb:LeadingKeys"] for key in leading_keys):
            return False
    return True


def allows(statements: list[dict], action: str, leading_keys: Sequence[str] = ()) -> bool:
    """Whether an Allow statement matches ``action`` for a request carrying ``leading_keys`` (no Deny is used)."""
    return any(
        statement["Effect"] == "Allow"
        and any(fnmatch.fnmatchcase(action, pattern) for pattern in _as_list(statement["Action"]))
        and _condition_holds(statement.get("Condition", {}), leading_keys)
        for statement in statements
    )


@pytest.fixture(scope="module")
def tenant_statements(template_of) -> list[dict]:
    return role_statements(template_of("tenant-grants"), "TenantRole")


@pytest.fixture(scope="module")
def seed_tenant_statements() -> list[dict]:
    return role_statements(reference_template("multi-tenant"), "TenantRole")


@pytest.mark.parametrize("action", ["dynamodb:Scan", "dynamodb:ExecuteStatement", "dynamodb:DeleteTable"])
def test_the_seed_grant_lets_a_tenant_do_what_carries_no_leading_key(seed_tenant_statements, action):
    assert allows(seed_tenant_statements, action)


@pytest.mark.parametrize(
    "action",
    ["dynamodb:Scan", "dynamodb:ExecuteStatement", "dynamodb:PartiQLSelect", "dynamodb:DescribeTable",
     "dynamodb:DeleteTable", "dynamodb:UpdateTable"],
)
def test_the_tenant_grant_does_not_allow_actions_without_a_leading_key(tenant_statements, action):
    assert not allows(tenant_statements, action)


@pytest.mark.parametrize(
    "action",
    ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
     "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"],
)
def test_the_tenant_reaches_its_own_items_only(tenant_statements, action):
    assert allows(tenant_statements, action, ["tenant-1"])
    assert not allows(tenant_statements, action, ["tenant-2"])
    assert not allows(tenant_statements, action, ["tenant-1", "tenant-2"])


def test_the_tenant_grant_covers_the_table_and_each_index(template_of, tenant_statements):
    [table_id] = Template.from_json(template_of("tenant-grants")).find_resources("AWS::DynamoDB::Table")
    arn = {"Fn::GetAtt": [table_id, "Arn"]}
    [statement] = tenant_statements
    assert statement["Resource"] == [
        arn,
        {"Fn::Join": ["", [arn, "/index/gsi-tenant"]]},
        {"Fn::Join": ["", [arn, "/index/gsi-sku"]]},
    ]


def test_the_tenant_isolation_policy_attaches_to_tagged_roles(template_of):
    template = Template.from_json(template_of("tenant-grants"))
    [table_id] = template.find_resources("AWS::DynamoDB::Table")
    arn = {"Fn::GetAtt": [table_id, "Arn"]}
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "Roles": [{"Ref": Match.string_like_regexp("^TaggedRole")}],
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": ["dynamodb:Query", "dynamodb:GetItem"],
                        "Condition": {
                            "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/TenantID}"]}
                        },
                        "Effect": "Allow",
                        "Resource": [arn, {"Fn::Join": ["", [arn, "/index/gsi-tenant"]]}],
                    }
                ],
                "Version": "2012-10-17",
            },
        },
    )
    tagged = role_statements(template_of("tenant-grants"), "TaggedRole")
    assert not allows(tagged, "dynamodb:Scan")
