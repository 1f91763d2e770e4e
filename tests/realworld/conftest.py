"""Fixtures of the real-service tests: Go trees in temp dirs, CloudFormation templates written as JSON."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable
from typing import Any

import pytest

from tests.scan.conftest import go_tree  # noqa: F401 - the same tree writer as the scanner tests


@pytest.fixture
def template(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """A template with one table (`keys`: attribute name → type, partition key first) and one Lambda
    function whose env vars reference it."""

    def write(keys: dict[str, str], env_vars: tuple[str, ...], name: str = "template.json", ttl: str | None = None) -> pathlib.Path:
        names = list(keys)
        schema = [{"AttributeName": names[0], "KeyType": "HASH"}]
        schema += [{"AttributeName": n, "KeyType": "RANGE"} for n in names[1:]]
        resources: dict[str, Any] = {
            "LimitsTable": {
                "Type": "AWS::DynamoDB::Table",
                "Properties": {
                    "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in keys.items()],
                    "KeySchema": schema,
                    "BillingMode": "PAY_PER_REQUEST",
                    **({"TimeToLiveSpecification": {"AttributeName": ttl, "Enabled": True}} if ttl else {}),
                },
            },
            "ApiFunction": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Runtime": "provided.al2023",
                    "Handler": "bootstrap",
                    "Environment": {"Variables": {env: {"Ref": "LimitsTable"} for env in env_vars}},
                },
            },
        }
        path = tmp_path / name
        path.write_text(json.dumps({"Resources": resources}), encoding="utf-8")
        return path

    return write
