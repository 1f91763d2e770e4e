"""The seed's five scenarios give the seed's templates, except for the documented security fixes.

The expected template of a scenario is the reference with each documented fix applied, written
out here; everything else must be equal resource by resource and property by property. The
scenarios with props are checked twice: built with mappings and cdk_bridge's dataclasses, and
with CDK's own structs (scenarios.py).
"""

from __future__ import annotations

import copy

import pytest

from tests.cdk.conftest import Template, reference_template
from tests.cdk.scenarios import SCENARIOS, seed_scenario

pytestmark = pytest.mark.slow  # jsii starts Node

TENANT_POLICY = "TenantRoleDefaultPolicyEE017C33"
ORDERS_TABLE_ARN = {"Fn::GetAtt": ["OrdersTable1F8332C7", "Arn"]}
# Security fix 1 (docs/constructs.md): item-level actions that carry a leading key, on the
# table and its index, instead of `dynamodb:*` on the table.
FIXED_TENANT_STATEMENT = {
    "Action": [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
    ],
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["tenant-1"]}},
    "Effect": "Allow",
    "Resource": [ORDERS_TABLE_ARN, {"Fn::Join": ["", [ORDERS_TABLE_ARN, "/index/gsi-tenant"]]}],
}


def _tenant_statements(template: Template) -> list[dict]:
    return template["Resources"][TENANT_POLICY]["Properties"]["PolicyDocument"]["Statement"]


def expected_template(scenario: str) -> Template:
    scenario = seed_scenario(scenario)
    expected = copy.deepcopy(reference_template(scenario))
    if scenario == "multi-tenant":
        _tenant_statements(expected)[0] = FIXED_TENANT_STATEMENT
    return expected


def test_the_reference_has_the_flaw_the_fix_removes():
    [statement] = _tenant_statements(reference_template("multi-tenant"))
    assert statement["Action"] == "dynamodb:*"
    assert statement["Resource"] == ORDERS_TABLE_ARN


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_same_resources_and_sections(scenario, template_of):
    ours, expected = template_of(scenario), expected_template(scenario)
    assert sorted(ours) == sorted(expected)
    assert sorted(ours["Resources"]) == sorted(expected["Resources"])
    for section in sorted(set(expected) - {"Resources"}):
        assert ours[section] == expected[section], section


@pytest.mark.parametrize(
    ("scenario", "logical_id"),
    [(scenario, logical_id) for scenario in SCENARIOS for logical_id in reference_template(seed_scenario(scenario))["Resources"]],
)
def test_resource_equal_property_by_property(scenario, logical_id, template_of):
    ours = template_of(scenario)["Resources"].get(logical_id)
    expected = expected_template(scenario)["Resources"][logical_id]
    assert ours is not None, f"{logical_id} is missing"
    assert sorted(ours) == sorted(expected)
    for key in sorted(set(expected) - {"Properties"}):
        assert ours[key] == expected[key], key
    properties, expected_properties = ours.get("Properties", {}), expected.get("Properties", {})
    assert sorted(properties) == sorted(expected_properties)
    for name, value in expected_properties.items():
        assert properties[name] == value, name
