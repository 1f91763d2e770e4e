"""`tagscan local`: the models' tables on dynalite (loopback), created once, compared afterwards,
never dropped; plus the CreateTable requests and differences as plain data."""

from __future__ import annotations

from dataclasses import replace

import boto3
import pytest

from tagscan.cli import app
from tagscan.errors import InputError
from tagscan.export.dynamodb import create_table_request, schema_differences, table_plans
from tagscan.model import KeyAttribute
from tests.conftest import FIXTURES
from tests.users.ir import users_and_orders

MODELS = str(FIXTURES / "models")
TABLE_VARS = ("EVENTTABLE_TABLE_NAME", "IDEMPOTENCYTABLE_TABLE_NAME", "RATELIMITTABLE_TABLE_NAME")


@pytest.fixture
def dynamodb(dynalite_endpoint, aws_env):
    return boto3.client("dynamodb", endpoint_url=dynalite_endpoint)


def name_tables(monkeypatch, prefix: str) -> dict[str, str]:
    """Give each fixture table its own name, as a deployment would through the env vars."""
    names = {var: f"{prefix}-{var.split('_')[0].lower()}" for var in TABLE_VARS}
    for var, name in names.items():
        monkeypatch.setenv(var, name)
    return names


@pytest.mark.slow
def test_creates_the_tables_then_running_again_changes_nothing(runner, dynamodb, dynalite_endpoint, monkeypatch):
    names = name_tables(monkeypatch, "first")
    first = runner.invoke(app, ["local", "--endpoint", dynalite_endpoint, MODELS])
    assert first.exit_code == 0, first.output
    assert [line.split()[0] for line in first.stdout.splitlines() if not line.startswith(" ")] == ["created"] * 3

    table = dynamodb.describe_table(TableName=names["RATELIMITTABLE_TABLE_NAME"])["Table"]
    assert table["KeySchema"] == [
        {"AttributeName": "identifier", "KeyType": "HASH"},
        {"AttributeName": "windowTime", "KeyType": "RANGE"},
    ]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert sorted(d["AttributeName"] for d in table["AttributeDefinitions"]) == [
        "identifier", "ipAddress", "tenantID", "userID", "windowTime"
    ]
    gsis = {g["IndexName"]: g for g in table["GlobalSecondaryIndexes"]}
    assert sorted(gsis) == ["gsi-ip", "gsi-tenant", "gsi-user"]
    assert gsis["gsi-ip"]["KeySchema"] == [{"AttributeName": "ipAddress", "KeyType": "HASH"}]
    assert {g["Projection"]["ProjectionType"] for g in gsis.values()} == {"ALL"}
    # dynalite has no UpdateTimeToLive: the user is told, not misled.
    assert "TTL on expiresAt not enabled: the endpoint does not support UpdateTimeToLive" in first.stdout

    dynamodb.put_item(TableName=names["EVENTTABLE_TABLE_NAME"], Item={"eventID": {"S": "e1"}, "timestamp": {"S": "t"}})
    second = runner.invoke(app, ["local", "--endpoint", dynalite_endpoint, MODELS])
    assert second.exit_code == 0, second.output
    assert [line.split()[0] for line in second.stdout.splitlines() if not line.startswith(" ")] == ["unchanged"] * 3
    kept = dynamodb.get_item(TableName=names["EVENTTABLE_TABLE_NAME"], Key={"eventID": {"S": "e1"}, "timestamp": {"S": "t"}})
    assert "Item" in kept


@pytest.mark.slow
def test_a_table_with_another_schema_is_reported_and_kept(runner, dynamodb, dynalite_endpoint, monkeypatch):
    names = name_tables(monkeypatch, "drift")
    events = names["EVENTTABLE_TABLE_NAME"]
    dynamodb.create_table(
        TableName=events,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    )
    dynamodb.get_waiter("table_exists").wait(TableName=events, WaiterConfig={"Delay": 0.2})
    dynamodb.put_item(TableName=events, Item={"id": {"S": "keep-me"}})

    result = runner.invoke(app, ["local", "--endpoint", dynalite_endpoint, MODELS])
    assert result.exit_code == 1, result.output
    assert f"differs   {events} (from $EVENTTABLE_TABLE_NAME; models Event)" in result.stdout
    assert "primary key is id HASH, the models need eventID HASH, timestamp RANGE" in result.stdout
    assert "GSI gsi-type is missing" in result.stdout
    assert result.stdout.count("created ") == 2  # the other tables are still created
    assert "Item" in dynamodb.get_item(TableName=events, Key={"id": {"S": "keep-me"}})


@pytest.mark.slow
def test_an_unreachable_endpoint_is_an_error_without_a_traceback(runner, aws_env):
    result = runner.invoke(app, ["local", "--endpoint", "http://127.0.0.1:1", MODELS])
    assert result.exit_code == 2
    assert "tagscan: error: Could not connect to the endpoint URL" in result.stderr
    assert "Traceback" not in result.output


def test_an_endpoint_that_is_not_a_url_is_a_usage_error(runner, aws_env):
    result = runner.invoke(app, ["local", "--endpoint", "localhost:8000", MODELS])
    assert result.exit_code == 2
    assert "tagscan: error: --endpoint must be an http:// or https:// URL, got 'localhost:8000'" in result.stderr


def test_the_request_is_what_the_orm_creates():
    scan = users_and_orders()
    users = next(t for t in scan.tables if t.key == "USERS_TABLE")
    request = create_table_request(users, "users-local")
    assert request["BillingMode"] == "PAY_PER_REQUEST"
    assert request["AttributeDefinitions"] == [
        {"AttributeName": "SK", "AttributeType": "S"},
        {"AttributeName": "createdAt", "AttributeType": "S"},
        {"AttributeName": "email", "AttributeType": "S"},
        {"AttributeName": "id", "AttributeType": "S"},
    ]
    assert request["LocalSecondaryIndexes"] == [{
        "IndexName": "lsi-created",
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "createdAt", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
    }]


def test_env_bound_names_come_from_the_environment_else_the_fallback():
    scan = users_and_orders()
    assert [(p.name, p.ttl_attribute) for p in table_plans(scan, {})] == [("orders", None), ("users", "ttl")]
    assert [p.name for p in table_plans(scan, {"USERS_TABLE": "users-dev"})] == ["orders", "users-dev"]


def test_a_key_with_two_types_is_an_input_error():
    scan = users_and_orders()
    users = next(t for t in scan.tables if t.key == "USERS_TABLE")
    email_as_number = KeyAttribute(field="Email", attribute="SK", type="N", go_type="int64")
    index = replace(users.indexes[0], partition_key=email_as_number)
    with pytest.raises(InputError, match="attribute 'SK' is a key of type S and N"):
        create_table_request(replace(users, indexes=(index, *users.indexes[1:])), "users")


def test_an_lsi_without_a_sort_key_is_refused_before_the_endpoint_sees_it():
    scan = users_and_orders()
    users = next(t for t in scan.tables if t.key == "USERS_TABLE")
    lsi = next(i for i in users.indexes if i.kind == "LSI")
    no_sort_key = replace(lsi, sort_key=None)
    with pytest.raises(InputError, match=r"^table users \(models .*\): local secondary index lsi-created has no sort key \(TS403\)$"):
        create_table_request(replace(users, indexes=tuple(no_sort_key if i is lsi else i for i in users.indexes)), "users")


def test_differences_name_keys_types_and_indexes():
    scan = users_and_orders()
    request = create_table_request(next(t for t in scan.tables if t.key == "USERS_TABLE"), "users")
    found = {
        "KeySchema": request["KeySchema"],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
        "GlobalSecondaryIndexes": [
            {**request["GlobalSecondaryIndexes"][0], "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "gsi-old", "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}]},
        ],
    }
    assert schema_differences(request, found) == [
        "attribute id is N, the models need S",
        "GSI gsi-email projects KEYS_ONLY, the ORM expects ALL",
        "GSI gsi-old is not in the models",
        "LSI lsi-created is missing",
    ]
    assert schema_differences(request, request) == []
