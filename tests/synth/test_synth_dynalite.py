"""The synthesized tables really fit the models: created in dynalite from the template, then every
model's item is written as the ORM writes it and read back through the keys and every index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

import tagscan
from tagscan.model import Model, ScanResult
from tests.synth.conftest import MODELS, Synthesized

ACCOUNT, REGION = "123456789012", "us-east-1"
PSEUDO = {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION}
# One value per DynamoDB type the marshaler writes (tagscan.model.Field.dynamodb_type).
SAMPLES: dict[str, Any] = {
    "S": {"S": "v"},
    "N": {"N": "42"},
    "B": {"B": b"\x01\x02"},
    "BOOL": {"BOOL": True},
    "NULL": {"NULL": True},
    "L": {"L": [{"S": "x"}, {"N": "1"}]},
    "M": {"M": {"k": {"S": "v"}}},
    "SS": {"SS": ["a"]},  # one member: sets come back in any order
    "NS": {"NS": ["1"]},
    "BS": {"BS": [b"\x01"]},
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dynamodb(dynalite_endpoint: str) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as env:
        for name, value in {"AWS_ACCESS_KEY_ID": "dummy", "AWS_SECRET_ACCESS_KEY": "dummy", "AWS_SESSION_TOKEN": "dummy"}.items():
            env.setenv(name, value)
        env.delenv("AWS_PROFILE", raising=False)
        yield boto3.client("dynamodb", endpoint_url=dynalite_endpoint, region_name=REGION)


@pytest.fixture(scope="module")
def created(fixture_assembly: Synthesized, dynamodb: Any) -> dict[str, str]:
    """Every table of the template, created through the DynamoDB API: logical id → table name."""
    names = {}
    for logical_id, resource in fixture_assembly.resources().items():
        request = create_table_request(resource["Properties"])
        dynamodb.create_table(**request)
        dynamodb.get_waiter("table_exists").wait(TableName=request["TableName"], WaiterConfig={"Delay": 1})
        names[logical_id] = request["TableName"]
    return names


def create_table_request(properties: dict[str, Any]) -> dict[str, Any]:
    """CreateTable from the template's KeySchema, AttributeDefinitions, indexes and billing."""
    request: dict[str, Any] = {
        "TableName": resolve(properties["TableName"]),
        "KeySchema": properties["KeySchema"],
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "BillingMode": properties.get("BillingMode", "PROVISIONED"),
    }
    throughput = properties.get("ProvisionedThroughput")
    if throughput:
        request["ProvisionedThroughput"] = throughput
    if properties.get("GlobalSecondaryIndexes"):
        request["GlobalSecondaryIndexes"] = [
            {k: v for k, v in gsi.items() if k in ("IndexName", "KeySchema", "Projection", "ProvisionedThroughput")}
            for gsi in properties["GlobalSecondaryIndexes"]
        ]
    if properties.get("LocalSecondaryIndexes"):
        request["LocalSecondaryIndexes"] = properties["LocalSecondaryIndexes"]
    return request


def resolve(value: Any) -> str:
    """A table name: a string, or the Fn::Join of strings and pseudo parameters CDK writes."""
    if isinstance(value, str):
        return value
    if "Ref" in value:
        return PSEUDO[value["Ref"]]
    separator, parts = value["Fn::Join"]
    return separator.join(resolve(part) for part in parts)


def table_of(model: Model, fixture_assembly: Synthesized, created: dict[str, str]) -> str:
    """The table the model uses, found the way an operator does: the output naming its env var
    (or, for a literal name, the table of that name)."""
    if model.table.source != "env":
        (name,) = [n for n in created.values() if n == model.table.name]
        return name
    outputs = fixture_assembly.template["Outputs"]
    (ref,) = [o["Value"]["Ref"] for o in outputs.values() if model.table.env in o["Description"].split()]
    return created[ref]


def orm_item(model: Model) -> dict[str, Any]:
    """An item with every attribute the model writes, each of the type the marshaler writes."""
    return {attribute.name: SAMPLES[attribute.type] for attribute in model.attributes}


def models() -> list[Model]:
    scan: ScanResult = tagscan.scan(MODELS)
    return sorted(scan.models, key=lambda m: m.name)


@pytest.mark.parametrize("model", models(), ids=lambda m: m.name)
def test_an_orm_item_is_written_and_read_back_through_the_keys_and_every_index(
    model: Model, fixture_assembly: Synthesized, created: dict[str, str], dynamodb: Any
) -> None:
    table = table_of(model, fixture_assembly, created)
    item = orm_item(model)
    dynamodb.put_item(TableName=table, Item=item)

    keys = [k.attribute for k in (model.partition_key, model.sort_key) if k]
    got = dynamodb.get_item(TableName=table, Key={k: item[k] for k in keys}, ConsistentRead=True)
    assert got["Item"] == item

    description = dynamodb.describe_table(TableName=table)["Table"]
    indexes = {i["IndexName"]: i for i in description.get("GlobalSecondaryIndexes", []) + description.get("LocalSecondaryIndexes", [])}
    assert {i.name for i in model.indexes} <= set(indexes), "an index of the model is missing from its table"
    for index in model.indexes:
        schema = indexes[index.name]["KeySchema"]
        names = [k["AttributeName"] for k in schema]
        condition = " AND ".join(f"#k{n} = :v{n}" for n in range(len(names)))
        found = dynamodb.query(
            TableName=table,
            IndexName=index.name,
            KeyConditionExpression=condition,
            ExpressionAttributeNames={f"#k{n}": name for n, name in enumerate(names)},
            ExpressionAttributeValues={f":v{n}": item[name] for n, name in enumerate(names)},
        )["Items"]
        assert item in found, f"{model.name} is not found through {index.name}"
