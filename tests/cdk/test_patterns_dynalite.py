"""The model-driven pattern tables hold what the ORM writes; the seed's tables do not.

Both templates' tables are created in a real dynalite; an item with every attribute the bundled
model writes under the ORM's default camelCase is written, then read through the keys and each index.
"""

from __future__ import annotations

from typing import Any

import botocore.exceptions
import pytest

from cdk_bridge.constructs.patterns import bundled_models
from tagscan.model import Model
from tests.cdk.conftest import reference_template
from tests.synth.conftest import dynalite_endpoint  # noqa: F401 - the session's dynalite server
from tests.synth.test_synth_dynalite import create_table_request, dynamodb, orm_item  # noqa: F401 - dynamodb is a fixture

pytestmark = pytest.mark.slow

MODELS = {"RateLimit": "RateLimitRecord", "Idempotency": "IdempotencyRecord"}


def _model_name(resource: dict[str, Any]) -> str:
    [name] = [tag["Value"] for tag in resource["Properties"]["Tags"] if tag["Key"] == "ModelName"]
    return name


def _create(dynamodb: Any, template: dict[str, Any], prefix: str) -> dict[str, str]:
    """The template's tables under ``prefix``-names (the two templates share physical names): model → table."""
    tables = {}
    for resource in template["Resources"].values():
        request = create_table_request(resource["Properties"])
        request["TableName"] = f"{prefix}-{request['TableName']}"
        dynamodb.create_table(**request)
        dynamodb.get_waiter("table_exists").wait(TableName=request["TableName"], WaiterConfig={"Delay": 1})
        tables[_model_name(resource)] = request["TableName"]
    return tables


@pytest.fixture(scope="module")
def ours(template_of: Any, dynamodb: Any) -> dict[str, str]:  # noqa: F811
    return _create(dynamodb, template_of("default-naming"), "cdk-bridge")


@pytest.fixture(scope="module")
def seeds(dynamodb: Any) -> dict[str, str]:  # noqa: F811
    return _create(dynamodb, reference_template("pattern-tables"), "seed")


def _camel_case_model(model_name: str) -> Model:
    return bundled_models("camelCase")[MODELS[model_name]]


@pytest.mark.parametrize("model_name", MODELS)
def test_an_orm_item_is_stored_and_found_through_keys_and_indexes(model_name: str, ours: dict, dynamodb: Any) -> None:  # noqa: F811
    model = _camel_case_model(model_name)
    table, item = ours[model_name], orm_item(model)
    dynamodb.put_item(TableName=table, Item=item)
    keys = {key.attribute: item[key.attribute] for key in (model.partition_key, model.sort_key) if key}
    assert dynamodb.get_item(TableName=table, Key=keys, ConsistentRead=True)["Item"] == item
    for index in model.indexes:
        assert index.partition_key is not None
        attribute = index.partition_key.attribute
        found = dynamodb.query(
            TableName=table,
            IndexName=index.name,
            KeyConditionExpression="#k = :v",
            ExpressionAttributeNames={"#k": attribute},
            ExpressionAttributeValues={":v": item[attribute]},
        )["Items"]
        assert item in found, index.name


@pytest.mark.parametrize("model_name", MODELS)
def test_the_seeds_table_rejects_what_the_orm_writes(model_name: str, seeds: dict, dynamodb: Any) -> None:  # noqa: F811
    item = orm_item(_camel_case_model(model_name))
    with pytest.raises(botocore.exceptions.ClientError, match="Missing the key"):
        dynamodb.put_item(TableName=seeds[model_name], Item=item)
