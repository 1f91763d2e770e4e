"""`lint --against` on the shop models: one hand-made template per finding, each at its Go line."""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from tests.against.conftest import SHOP, TEMPLATES

# Lines of fixtures/against/shop: the Order struct, its fields and its TableName's return, the Customer
# struct, its fields and its TableName's return.
ORDER, TENANT_ID, ORDER_ID, STATUS, PLACED_AT, CUSTOMER_ID, TOTAL, EXPIRES_AT, ORDERS_ENV = 6, 7, 8, 9, 10, 11, 12, 13, 18
CUSTOMER, CUSTOMER_KEY, EMAIL, CUSTOMERS_LITERAL = 4, 5, 6, 12
ORDERS_BY_ENV = (
    "table OrdersTable (Shop/OrdersTable/Resource) in {path}, "
    "matched by env var ORDERS_TABLE_NAME of Lambda OrderFunction"
)
NAMING_HINT = "the ORM writes `{orm}`; the table declares `{table}`; did the ORM's default naming change (v1.0.31)?"


def located(findings) -> set[tuple[str, str, int]]:
    return {(f.rule, f.file, f.line) for f in findings}


def one(findings, rule: str):
    (found,) = [f for f in findings if f.rule == rule]
    return found


@pytest.mark.parametrize("name", ["ok.template.json", "ok.template.yaml"])
def test_tables_as_the_models_describe_them_report_nothing(shop, lint_against, name):
    assert lint_against(shop, TEMPLATES / name) == ()


CASES = {
    "ts701-model-without-table.json": {("TS701", "customer.go", CUSTOMERS_LITERAL)},
    "ts703-key-mismatch.json": {("TS703", "order.go", ORDER_ID), ("TS802", "order.go", ORDER_ID)},
    "ts703-key-type.yaml": {("TS703", "customer.go", CUSTOMER_KEY), ("TS802", "customer.go", CUSTOMER_KEY)},
    "ts704-index-missing.yaml": {("TS704", "order.go", CUSTOMER_ID)},
    "ts705-index-mismatch.json": {("TS705", "customer.go", EMAIL), ("TS803", "customer.go", EMAIL)},
    "ts706-ttl-mismatch.yaml": {("TS706", "order.go", EXPIRES_AT), ("TS804", "order.go", EXPIRES_AT)},
    "ts706-no-ttl.json": {("TS706", "order.go", EXPIRES_AT)},
    "ts706-ttl-nothing-writes.yaml": {("TS706", "customer.go", CUSTOMER)},
    "ts705-index-kind.json": {("TS705", "order.go", TOTAL), ("TS802", "order.go", TOTAL)},
    "ts707-index-projection-not-all.json": {("TS707", "customer.go", EMAIL)},
    "ts801-too-many-gsi-changes.json": {
        ("TS704", "order.go", STATUS),
        ("TS704", "order.go", CUSTOMER_ID),
        ("TS801", "order.go", STATUS),
        ("TS801", "order.go", CUSTOMER_ID),
    },
    "ts802-table-replacement.yaml": {("TS704", "order.go", TOTAL), ("TS802", "order.go", TOTAL)},
    "ts802-table-name.json": {("TS802", "customer.go", CUSTOMERS_LITERAL)},
    "ts803-gsi-changed-in-place.json": {("TS705", "order.go", STATUS), ("TS803", "order.go", STATUS)},
    "ts804-ttl-rename.yaml": {("TS706", "order.go", EXPIRES_AT), ("TS804", "order.go", EXPIRES_AT)},
    "ts805-resource-identity-change.yaml": {("TS805", "order.go", ORDER)},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_template_reports_its_findings_at_their_go_lines(shop, lint_against, name):
    assert located(lint_against(shop, TEMPLATES / name)) == CASES[name]


def test_ts702_sits_at_the_unused_table_in_the_template(shop, lint_against):
    path = TEMPLATES / "ts702-unused-dynamorm-table.yaml"
    (finding,) = lint_against(shop, path)
    line = path.read_text().splitlines().index("  InvoicesTable:") + 1
    assert (finding.rule, finding.severity, finding.line, finding.column) == ("TS702", "warning", line, 3)
    assert os.path.normpath(os.path.join(shop.root, finding.file)) == str(path)
    assert "InvoicesTable (Shop/InvoicesTable/Resource)" in finding.message


def test_findings_name_the_resource_and_the_way_it_matched(shop, lint_against):
    path = TEMPLATES / "ts704-index-missing.yaml"
    finding = one(lint_against(shop, path), "TS704")
    assert finding.message == (
        f"GSI `gsi-customer` is not on the table: queries through it fail ({ORDERS_BY_ENV.format(path=path)}; "
        "model Order)"
    )


@pytest.mark.parametrize(
    ("name", "rule", "orm", "table"),
    [
        ("ts703-key-mismatch.json", "TS703", "orderID", "OrderID"),
        ("ts706-ttl-mismatch.yaml", "TS706", "expiresAt", "expires_at"),
    ],
)
def test_names_that_differ_only_in_naming_get_the_hint(shop, lint_against, name, rule, orm, table):
    finding = one(lint_against(shop, TEMPLATES / name), rule)
    assert finding.hint == NAMING_HINT.format(orm=orm, table=table)


def test_a_name_that_really_differs_gets_no_naming_hint(shop, lint_against):
    finding = one(lint_against(shop, TEMPLATES / "ts804-ttl-rename.yaml"), "TS706")
    assert finding.hint is None
    assert "the table's TTL attribute is `expiry`" in finding.message


def test_too_many_gsi_changes_carries_a_staged_plan(shop, lint_against):
    findings = [f for f in lint_against(shop, TEMPLATES / "ts801-too-many-gsi-changes.json") if f.rule == "TS801"]
    assert {f.hint for f in findings} == {"deploy 1: add GSI gsi-customer; deploy 2: add GSI gsi-status"}


@pytest.mark.parametrize(
    ("templates", "way"),
    [
        (
            ["match-importvalue-tables.yaml", "match-importvalue-functions.yaml"],
            "env var ORDERS_TABLE_NAME of Lambda OrderFunction",
        ),
        (["match-model-name.json"], "ModelName tag Order"),
        (["match-default-name.json"], "TableName Orders"),  # the ORM's name when ORDERS_TABLE_NAME is unset
        (["match-construct-path.json"], "construct path Shop/Orders/Table/Resource"),
        (["ts707-index-projection-not-all.json"], "TableName customers"),
    ],
)
def test_each_way_of_matching_is_named(shop, lint_against, templates, way):
    (finding,) = lint_against(shop, *(TEMPLATES / t for t in templates))
    assert f"matched by {way}; model " in finding.message


def test_without_the_exporting_stack_an_imported_table_matches_nothing(shop, lint_against):
    findings = lint_against(shop, TEMPLATES / "match-importvalue-functions.yaml")
    assert located(findings) == {("TS701", "order.go", ORDERS_ENV), ("TS701", "customer.go", CUSTOMERS_LITERAL)}
    (order,) = [f for f in findings if f.file == "order.go"]
    assert (
        "env var ORDERS_TABLE_NAME of Lambda OrderFunction: Fn::ImportValue shop-orders-table, which no given "
        "template exports" in order.message
    )


def test_an_env_var_match_wins_over_a_model_name_tag(shop, lint_against, tmp_path):
    """A second table tagged ModelName=Order does not take the Order model from the one its function names."""
    template = json.loads((TEMPLATES / "ok.template.json").read_text())
    decoy = json.loads(json.dumps(template["Resources"]["OrdersTable"]))
    decoy["Properties"]["GlobalSecondaryIndexes"] = []
    template["Resources"]["DecoyTable"] = decoy
    path = tmp_path / "decoy.json"
    path.write_text(json.dumps(template, indent=2))
    (finding,) = lint_against(shop, path)
    assert (finding.rule, finding.message) == (
        "TS702",
        "DynamORM table DecoyTable (Shop/OrdersTable/Resource) is used by no scanned model",
    )


def test_several_templates_are_each_checked(shop, lint_against):
    findings = lint_against(shop, TEMPLATES / "ok.template.json", TEMPLATES / "ts706-no-ttl.json")
    assert located(findings) == {("TS706", "order.go", EXPIRES_AT)}
    assert "ts706-no-ttl.json" in findings[0].message


def test_lint_cli_exits_1_with_the_findings_in_json(cli):
    result = cli("lint", SHOP, "--against", TEMPLATES / "ts803-gsi-changed-in-place.json", "--format", "json")
    assert result.exit_code == 1
    rules = sorted(f["rule"] for f in json.loads(result.stdout)["findings"] if f["rule"][2] in "78")
    assert rules == ["TS705", "TS803"]


def test_the_against_rules_do_not_run_without_templates(cli):
    result = cli("lint", SHOP, "--format", "json")
    assert result.exit_code == 0
    assert not [f for f in json.loads(result.stdout)["findings"] if f["rule"][2] in "78"]


@pytest.mark.parametrize(
    ("name", "effect"),
    [
        ("ts703-key-type.yaml", "CloudFormation refuses for a custom-named table: the update fails"),
        ("ts802-table-name.json", "the stack moves to a new, empty table"),  # a new name: the replacement succeeds
        ("ts802-table-replacement.yaml", "the stack moves to a new, empty table"),  # no TableName
    ],
)
def test_a_replacement_says_whether_the_update_fails_or_empties_the_table(shop, lint_against, name, effect):
    assert effect in one(lint_against(shop, TEMPLATES / name), "TS802").message


def test_a_table_one_model_took_by_its_env_var_is_not_given_to_another_by_a_tag(shop, lint_against, tmp_path):
    """The orders table, wired to ORDERS_TABLE_NAME, also carries ModelName=Customer: Customer has no table."""
    template = json.loads((TEMPLATES / "ok.template.json").read_text())
    del template["Resources"]["CustomersTable"]
    template["Resources"]["OrdersTable"]["Properties"]["Tags"] = [{"Key": "ModelName", "Value": "Customer"}]
    path = tmp_path / "mislabelled.json"
    path.write_text(json.dumps(template, indent=2))
    assert located(lint_against(shop, path)) == {("TS701", "customer.go", CUSTOMERS_LITERAL)}


def test_ts701_says_what_each_function_sets_the_env_var_to_and_what_else_was_tried(shop, lint_against, tmp_path):
    path = tmp_path / "literal.json"
    path.write_text(
        json.dumps(
            {
                "Resources": {
                    "OrderFunction": {
                        "Type": "AWS::Lambda::Function",
                        "Properties": {"Environment": {"Variables": {"ORDERS_TABLE_NAME": "orders-prod"}}},
                    },
                    "OtherFunction": {"Type": "AWS::Lambda::Function", "Properties": {}},
                    "OrdersTable": {
                        "Type": "AWS::DynamoDB::Table",
                        "Properties": {"KeySchema": [{"AttributeName": "tenantID", "KeyType": "HASH"}]},
                    },
                }
            }
        )
    )
    findings = {f.models: f for f in lint_against(shop, path) if f.rule == "TS701"}
    order = findings[("Order",)].message
    assert "env var ORDERS_TABLE_NAME of Lambda OrderFunction: the literal 'orders-prod'" in order
    assert "TableName Orders: no table has it (0 of 1 have a literal name)" in order
    assert "ModelName tags and construct paths for order, orders: none; bindings: none configured" in order
    # The orders table itself is left to no one: TS708.
    assert [f.rule for f in lint_against(shop, path) if f.file.endswith("literal.json")] == ["TS708"]


def with_second_function(tmp_path, value) -> pathlib.Path:
    """ok.template.json with another function that sets ORDERS_TABLE_NAME to ``value``."""
    template = json.loads((TEMPLATES / "ok.template.json").read_text())
    second = json.loads(json.dumps(template["Resources"]["OrderFunction"]))
    second["Properties"]["Environment"]["Variables"] = {"ORDERS_TABLE_NAME": value}
    template["Resources"]["ReportFunction"] = second
    path = tmp_path / "second.json"
    path.write_text(json.dumps(template, indent=2))
    return path


def test_a_function_pointing_the_env_var_at_a_hard_coded_name_is_ts709(shop, lint_against, tmp_path):
    (finding,) = lint_against(shop, with_second_function(tmp_path, "orders-staging"))
    assert (finding.rule, finding.file, finding.line) == ("TS709", "order.go", ORDERS_ENV)
    assert "OrdersTable (Shop/OrdersTable/Resource) by Lambda OrderFunction; the literal 'orders-staging' by Lambda ReportFunction" in finding.message


def test_a_literal_equal_to_a_tables_name_is_that_table(shop, lint_against, cli, tmp_path):
    template = json.loads((TEMPLATES / "ok.template.json").read_text())
    template["Resources"]["OrdersTable"]["Properties"]["TableName"] = "orders-prod"
    template["Resources"]["OrderFunction"]["Properties"]["Environment"]["Variables"]["ORDERS_TABLE_NAME"] = "orders-prod"
    path = tmp_path / "named.json"
    path.write_text(json.dumps(template, indent=2))
    assert lint_against(shop, path) == ()
    plans = json.loads(cli("diff", SHOP, "--against", path, "--format", "json").stdout)["tables"]
    (orders,) = [t for t in plans if t["table"] == "OrdersTable"]
    assert orders["matched_by"] == "env var ORDERS_TABLE_NAME of Lambda OrderFunction"
