"""``DynamORMMigration`` synthesizes clean (cfn-lint, cdk-nag's AwsSolutions) and reaches only its own table."""

from __future__ import annotations

import functools
import json
import pathlib
import tempfile
from typing import Any

import pytest
from aws_cdk import App, Environment, Stack, Validations
from aws_cdk import aws_dynamodb as dynamodb
from cdk_nag import AwsSolutionsChecks
from cfnlint.api import ManualArgs, lint

from cdk_bridge import DynamORMGSI, DynamORMMigration, DynamORMTable, InvalidPropsError

pytestmark = pytest.mark.slow

ENV = Environment(account="123456789012", region="us-east-1")
UPGRADE = {"CustomerID": "customerID", "Total": "total", "Status": "status"}


def _string(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


def _orders(stack: Stack, id: str = "Orders") -> DynamORMTable:
    return DynamORMTable(
        stack, id, model_name=id.rstrip("s"), partition_key=_string("PK"), sort_key=_string("SK"),
        global_secondary_indexes=[DynamORMGSI("gsi-customer", _string("customerID"))],
    )


@functools.cache
def _synthesized() -> tuple[dict[str, Any], pathlib.Path]:
    """A stack with two tables, one migrated; cdk-nag checks it during synthesis and raises on any finding."""
    outdir = tempfile.mkdtemp(prefix="migration-")
    app = App(outdir=outdir)
    stack = Stack(app, "Upgrade", env=ENV)
    orders = _orders(stack)
    _orders(stack, "Invoices")  # the migration must not reach this one
    DynamORMMigration(stack, "OrmUpgrade", table=orders, migration_id="dynamorm-1.0.31", renames=UPGRADE, remove_old=True)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    assembly = app.synth()
    return assembly.get_stack_by_name("Upgrade").template, pathlib.Path(outdir)


def _resources(template: dict[str, Any], type_: str) -> dict[str, Any]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == type_}


def test_cfn_lint_reports_no_errors() -> None:
    template, _ = _synthesized()
    matches = lint(json.dumps(template), config=ManualArgs(regions=["us-east-1"]))
    assert [f"{m.rule.id} {m.path_string}: {m.message}" for m in matches if m.rule.id[0] == "E"] == []


def test_the_custom_resource_carries_the_migration() -> None:
    template, _ = _synthesized()
    [resource] = _resources(template, "Custom::DynamORMMigration").values()
    [orders_id] = [k for k, r in _resources(template, "AWS::DynamoDB::Table").items() if "Order-" in r["Properties"]["TableName"]]
    properties = resource["Properties"]
    assert properties["TableName"] == {"Ref": orders_id}
    assert (properties["MigrationId"], properties["Renames"], properties["RemoveOld"]) == ("dynamorm-1.0.31", UPGRADE, "true")


def test_every_dynamodb_permission_is_on_the_migrated_table_only() -> None:
    template, _ = _synthesized()
    [orders_id] = [k for k, r in _resources(template, "AWS::DynamoDB::Table").items() if "Order-" in r["Properties"]["TableName"]]
    statements = [
        s for policy in _resources(template, "AWS::IAM::Policy").values() for s in policy["Properties"]["PolicyDocument"]["Statement"]
    ]
    dynamodb_statements = [s for s in statements if any(a.startswith("dynamodb:") for a in _list(s["Action"]))]
    assert dynamodb_statements
    assert all(s["Resource"] == {"Fn::GetAtt": [orders_id, "Arn"]} for s in dynamodb_statements)
    actions = {a for s in dynamodb_statements for a in _list(s["Action"])}
    assert actions == {"dynamodb:DescribeTable", "dynamodb:Scan", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}


def test_the_handler_asset_is_the_handler_without_bytecode() -> None:
    template, outdir = _synthesized()
    functions = [r for r in _resources(template, "AWS::Lambda::Function").values() if r["Properties"]["Runtime"].startswith("python")]
    assert {f["Properties"]["Handler"] for f in functions} == {"handler.on_event", "handler.is_complete"}
    [asset] = {f["Properties"]["Code"]["S3Key"].removesuffix(".zip") for f in functions}
    shipped = sorted(p.name for p in (outdir / f"asset.{asset}").iterdir())
    assert shipped == ["__init__.py", "handler.py"]


@pytest.mark.parametrize(
    ("renames", "reason"),
    [
        ({"PK": "pk"}, "PK is a key attribute of the table; an item's key cannot change in place"),
        ({"Total": "SK"}, "SK is a key attribute"),
        ({"Total": "total", "Amount": "total"}, "total: several attributes renamed to one name"),
        ({"Total": "Amount", "Amount": "amount"}, "Amount: both an old and a new name"),
        ({}, "no renames given"),
    ],
)
def test_renames_that_cannot_be_applied_in_place_are_refused(renames: dict[str, str], reason: str) -> None:
    stack = Stack(App(), "Refused", env=ENV)
    with pytest.raises(InvalidPropsError, match=reason):
        DynamORMMigration(stack, "Bad", table=_orders(stack), migration_id="m", renames=renames)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
