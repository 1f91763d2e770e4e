"""RateLimitTable and IdempotencyTable take their layout from the bundled Go models, under the ORM's naming."""

from __future__ import annotations

from importlib import resources

import pytest
from aws_cdk import App, Stack
from aws_cdk.assertions import Match, Template

import cdk_bridge
import tagscan

pytestmark = pytest.mark.slow  # jsii starts Node

MODELS = resources.files("cdk_bridge") / "models"


def table_of(template: dict, model_name: str) -> dict:
    """The table resource carrying the ``ModelName`` tag ``model_name``."""
    found = Template.from_json(template).find_resources(
        "AWS::DynamoDB::Table",
        {"Properties": {"Tags": Match.array_with([{"Key": "ModelName", "Value": model_name}])}},
    )
    [table] = found.values()
    return table["Properties"]


def layout(table: dict) -> dict:
    """Keys, GSIs (name → key attributes) and TTL attribute of a table resource."""
    return {
        "keys": [key["AttributeName"] for key in table["KeySchema"]],
        "gsis": {
            index["IndexName"]: [key["AttributeName"] for key in index["KeySchema"]]
            for index in table.get("GlobalSecondaryIndexes", [])
        },
        "ttl": table.get("TimeToLiveSpecification", {}).get("AttributeName"),
    }


def test_without_naming_context_the_tables_use_the_orms_camel_case(template_of):
    template = template_of("default-naming")
    assert layout(table_of(template, "RateLimit")) == {
        "keys": ["identifier", "windowTime"],
        "gsis": {"gsi-ip": ["ipAddress"], "gsi-user": ["userID"], "gsi-tenant": ["tenantID"]},
        "ttl": "expiresAt",
    }
    assert layout(table_of(template, "Idempotency")) == {
        "keys": ["idempotencyKey", "SK"],  # the ORM keeps PK/SK as they are under camelCase
        "gsis": {"gsi-function": ["functionName"], "gsi-status": ["status"]},
        "ttl": "expiresAt",
    }


def test_naming_comes_from_the_context(template_of):
    assert layout(table_of(template_of("context-naming"), "RateLimit")) == {
        "keys": ["identifier", "window_time"],
        "gsis": {"gsi-ip": ["ip_address"], "gsi-user": ["user_id"], "gsi-tenant": ["tenant_id"]},
        "ttl": "expires_at",
    }


def test_the_naming_argument_wins_over_the_context(template_of):
    assert layout(table_of(template_of("context-naming"), "Idempotency")) == {
        "keys": ["IdempotencyKey", "SK"],
        "gsis": {"gsi-function": ["FunctionName"], "gsi-status": ["Status"]},
        "ttl": "ExpiresAt",
    }


@pytest.mark.parametrize("naming", ["camelCase", "snake_case", "verbatim"])
@pytest.mark.parametrize("construct", [cdk_bridge.RateLimitTable, cdk_bridge.IdempotencyTable])
def test_the_table_is_what_the_scanner_says_the_orm_registers(construct, naming):
    stack = Stack(App(), "Layout")
    table = construct(stack, construct.__name__, naming=naming)
    [model] = [m for m in tagscan.scan(str(MODELS), naming=naming).models if m.name == construct.go_struct]
    assert table.model == model
    assert table.env_var == model.table.env  # what the model's TableName() reads
    assert sorted(table.index_names) == sorted(index.name for index in model.indexes)


def test_model_sources_are_the_bundled_files():
    assert cdk_bridge.RATE_LIMIT_MODEL_SOURCE == (MODELS / "ratelimit.go").read_text(encoding="utf-8")
    assert cdk_bridge.IDEMPOTENCY_MODEL_SOURCE == (MODELS / "idempotency.go").read_text(encoding="utf-8")
