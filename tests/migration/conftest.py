"""Fixtures of the migration tests: a real dynalite on loopback and tables of an ORM upgrade's items.

The items are orders of a single-table service written by DynamORM 1.0.30 (attribute names are the Go
field names); 1.0.31 reads camelCase names. The keys are tagged ``attr:PK``/``attr:SK``, which both
versions keep, so only the other attributes move.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from tests.dynalite import dynalite_endpoint  # noqa: F401 - the session's dynalite server

REGION = "us-east-1"
# DynamORM 1.0.30 → 1.0.31: Go field names → camelCase.
UPGRADE = {"CustomerID": "customerID", "Total": "total", "Skus": "skus", "Gift": "gift", "Status": "status"}
_names = itertools.count()


@pytest.fixture(scope="session")
def dynamodb(dynalite_endpoint: str) -> Iterator[Any]:  # noqa: F811
    with pytest.MonkeyPatch.context() as env:
        for name, value in {"AWS_ACCESS_KEY_ID": "dummy", "AWS_SECRET_ACCESS_KEY": "dummy", "AWS_SESSION_TOKEN": "dummy"}.items():
            env.setenv(name, value)
        env.delenv("AWS_PROFILE", raising=False)
        yield boto3.client("dynamodb", endpoint_url=dynalite_endpoint, region_name=REGION)


def create_table(dynamodb: Any, *, key_type: str = "S", provisioned: tuple[int, int] | None = None) -> str:
    name = f"orders-{next(_names)}"
    billing: dict[str, Any] = (
        {"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": provisioned[0], "WriteCapacityUnits": provisioned[1]}}
        if provisioned
        else {"BillingMode": "PAY_PER_REQUEST"}
    )
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": key_type}, {"AttributeName": "SK", "AttributeType": "S"}],
        **billing,
    )
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1})
    return name


def order(n: int, key_type: str = "S") -> dict[str, Any]:
    """An order as DynamORM 1.0.30 wrote it: customer, total, SKUs, gift flag, status under the Go field names.

    No list or map attributes: dynalite compares those by identity, so its ``=`` never holds for them
    (DynamoDB compares them by value), and the handler's copy condition would never pass here."""
    partition = {"S": {"S": f"CUSTOMER#{n % 997}"}, "N": {"N": str(n % 997)}, "B": {"B": f"CUSTOMER#{n % 997}".encode()}}
    return {
        "PK": partition[key_type],
        "SK": {"S": f"ORDER#{n:06d}"},
        "CustomerID": {"S": f"cus_{n % 997:04d}"},
        "Total": {"N": str(n * 7 % 10_000)},
        "Skus": {"SS": sorted({f"sku-{n % 13}", f"sku-{n % 7}"})},  # a `set` field
        "Gift": {"BOOL": n % 5 == 0},
        "Status": {"S": ("pending", "paid", "shipped")[n % 3]},
        "CreatedAt": {"S": f"2026-11-{1 + n % 28:02d}T10:00:00Z"},
    }


def load(dynamodb: Any, table: str, count: int, key_type: str = "S") -> None:
    items = [order(n, key_type) for n in range(count)]
    for start in range(0, count, 25):
        request = {table: [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]}
        while request:
            request = dynamodb.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}


def scan_all(dynamodb: Any, table: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        items += page["Items"]
    return items
