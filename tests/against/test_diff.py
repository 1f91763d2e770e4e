"""`tagscan diff`: the update plan between two templates, or from deployed templates to the models."""

from __future__ import annotations

import shutil

import pytest

import tagscan
from tests.against.conftest import SHOP, TEMPLATES, json_output

DIFF = TEMPLATES / "diff"
BASE = DIFF / "base.json"


def orders_plan(result) -> dict:
    (table,) = [t for t in json_output(result)["tables"] if t["table"] == "OrdersTable"]
    return table


def changes(table: dict) -> list[tuple[str, str, str, str | None]]:
    return [(c["subject"], c["action"], c["verdict"], c["rule"]) for c in table["changes"]]


def test_adding_one_gsi_is_fine(cli):
    result = cli("diff", BASE, DIFF / "add-one-gsi.json", "--format", "json")
    assert result.exit_code == 0
    orders = orders_plan(result)
    assert (orders["action"], orders["verdict"], orders["stages"]) == ("change", "ok", [])
    assert changes(orders) == [("GSI gsi-tenant-total", "add", "ok", None)]


def test_adding_two_gsis_at_once_is_an_error_with_a_two_step_plan(cli):
    result = cli("diff", BASE, DIFF / "add-two-gsis.json", "--format", "json")
    assert result.exit_code == 1
    orders = orders_plan(result)
    assert orders["verdict"] == "error"
    assert changes(orders) == [
        ("GSI gsi-channel", "add", "error", "TS801"),
        ("GSI gsi-region", "add", "error", "TS801"),
    ]
    assert orders["stages"] == ["deploy 1: add GSI gsi-channel", "deploy 2: add GSI gsi-region"]


def test_the_text_plan_shows_the_stages(cli):
    result = cli("diff", BASE, DIFF / "add-two-gsis.json")
    assert result.exit_code == 1
    assert "~ OrdersTable  [error] updated in 2 deploys\n" in result.stdout
    assert (
        "    staged plan:\n      deploy 1: add GSI gsi-channel\n      deploy 2: add GSI gsi-region\n" in result.stdout
    )
    assert "= CustomersTable  [ok] no change\n" in result.stdout
    assert result.stdout.endswith("\n2 errors, 0 warnings\n")


def test_changing_a_sort_key_is_a_replacement_error(cli):
    result = cli("diff", BASE, DIFF / "change-sort-key.yaml", "--format", "json")
    assert result.exit_code == 1
    orders = orders_plan(result)
    assert (orders["action"], orders["message"]) == ("change", "replaced")
    (change,) = orders["changes"]
    assert (change["subject"], change["old"], change["new"], change["rule"]) == (
        "sort key",
        "orderID (S)",
        "placedAt (N)",
        "TS802",
    )


def test_renaming_a_gsi_counts_as_a_creation_and_a_deletion(cli):
    result = cli("diff", BASE, DIFF / "rename-gsi.json", "--format", "json")
    assert result.exit_code == 1
    orders = orders_plan(result)
    assert changes(orders) == [
        ("GSI gsi-state", "add", "error", "TS801"),
        ("GSI gsi-status", "remove", "error", "TS801"),
    ]
    assert orders["stages"] == ["deploy 1: add GSI gsi-state", "deploy 2: remove GSI gsi-status"]


def test_a_gsi_projection_changed_under_the_same_name_is_an_error(cli):
    result = cli("diff", BASE, DIFF / "gsi-projection.json", "--format", "json")
    assert result.exit_code == 1
    assert changes(orders_plan(result)) == [("GSI gsi-status", "change", "error", "TS803")]


def test_a_ttl_rename_is_a_warning_and_a_stream_change_is_in_place(cli):
    result = cli("diff", BASE, DIFF / "ttl-rename.yaml", "--format", "json")
    assert result.exit_code == 0
    document = json_output(result)
    assert (document["verdict"], document["errors"], document["warnings"]) == ("warning", 0, 1)
    assert changes(orders_plan(result)) == [("TTL", "change", "warning", "TS804"), ("stream", "change", "ok", None)]


@pytest.mark.parametrize(
    ("new", "subject", "matched_by"),
    [
        ("global-table.yaml", "resource type", "logical id OrdersTable"),
        ("logical-id.json", "logical id", "ModelName tag Order"),
    ],
)
def test_a_change_of_resource_identity_is_a_warning(cli, new, subject, matched_by):
    result = cli("diff", BASE, DIFF / new, "--format", "json")
    assert result.exit_code == 0
    orders = orders_plan(result)
    assert (orders["message"], orders["matched_by"]) == ("recreated as a new resource", matched_by)
    assert changes(orders) == [(subject, "change", "warning", "TS805")]


def test_a_removed_table_and_an_lsi_change(cli):
    result = cli("diff", BASE, DIFF / "drop-table-and-lsi.json", "--format", "json")
    assert result.exit_code == 1
    tables = {t["table"]: t for t in json_output(result)["tables"]}
    assert (tables["CustomersTable"]["action"], tables["CustomersTable"]["verdict"]) == ("remove", "ok")
    assert "orphaned, data kept (DeletionPolicy Retain)" in tables["CustomersTable"]["message"]
    assert changes(tables["OrdersTable"]) == [("LSI lsi-total", "change", "error", "TS802")]


def test_identical_templates_plan_no_change(cli):
    result = cli("diff", BASE, BASE, "--format", "json")
    assert result.exit_code == 0
    assert {t["action"] for t in json_output(result)["tables"]} == {"unchanged"}


@pytest.mark.parametrize(
    ("deployed", "exit_code", "expected"),
    [
        ("ok.template.yaml", 0, []),
        ("ts704-index-missing.yaml", 0, [("GSI gsi-customer", "add", "ok", None)]),
        (
            "ts801-too-many-gsi-changes.json",
            1,
            [
                ("GSI gsi-customer", "add", "error", "TS801"),
                ("GSI gsi-status", "add", "error", "TS801"),
            ],
        ),
    ],
)
def test_models_against_a_deployed_template(cli, deployed, exit_code, expected):
    result = cli("diff", SHOP, "--against", TEMPLATES / deployed, "--format", "json")
    assert result.exit_code == exit_code
    orders = orders_plan(result)
    assert orders["matched_by"] == "env var ORDERS_TABLE_NAME of Lambda OrderFunction"
    assert changes(orders) == expected


def test_a_model_without_a_deployed_table_is_unmatched_as_lint_says(cli):
    """lint --against calls the customers table TS701; diff agrees (exit 1) instead of planning a new table."""
    template = TEMPLATES / "ts701-model-without-table.json"
    result = cli("diff", SHOP, "--against", template, "--format", "json")
    assert result.exit_code == 1
    (customers,) = [t for t in json_output(result)["tables"] if t["action"] == "unmatched"]
    assert (customers["table"], customers["verdict"]) == ("model Customer", "error")
    assert customers["message"].startswith(f"the models' table matches no DynamoDB table in {template} (tried ")
    lint = cli("lint", SHOP, "--against", template, "--format", "json")
    assert lint.exit_code == 1
    assert [f["rule"] for f in json_output(lint)["findings"] if f["severity"] == "error"] == ["TS701"]


def test_models_matched_by_lint_are_matched_by_diff(cli):
    """The other direction: what lint matches (no TS701), diff plans as a change of that table, exit 0."""
    template = TEMPLATES / "ok.template.json"
    lint = cli("lint", SHOP, "--against", template, "--format", "json")
    assert (lint.exit_code, [f["rule"] for f in json_output(lint)["findings"]]) == (0, [])
    result = cli("diff", SHOP, "--against", template, "--format", "json")
    assert result.exit_code == 0
    assert [(t["table"], t["action"]) for t in json_output(result)["tables"]] == [
        ("OrdersTable", "unchanged"),
        ("CustomersTable", "unchanged"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("diff", BASE),
        ("diff", BASE, BASE, BASE),
        ("diff", BASE, DIFF / "absent.json"),
        ("diff", BASE, BASE, "--naming", "verbatim"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("tagscan: error: ") and result.stderr.count("\n") == 1


@pytest.fixture
def model_without_partition_key(tmp_path):
    (tmp_path / "go.mod").write_text((SHOP / "go.mod").read_text())
    (tmp_path / "customer.go").write_text(
        'package shop\n\ntype Customer struct {\n\tEmail string `dynamorm:"sk"`\n}\n\n'
        'func (Customer) TableName() string { return "customers" }\n'
    )
    return tmp_path


def test_a_table_without_a_partition_key_cannot_be_planned(cli, model_without_partition_key):
    result = cli("diff", model_without_partition_key, "--against", TEMPLATES / "ok.template.json", "--format", "json")
    assert result.exit_code == 1
    (customers,) = [t for t in json_output(result)["tables"] if t["table"] == "model Customer"]
    assert (customers["action"], customers["verdict"], customers["changes"]) == ("invalid", "error", [])
    assert "no partition key (TS201)" in customers["message"]


def test_a_table_synth_refuses_is_invalid_with_synths_reason(cli, tmp_path):
    """A GSI with a sort key only (TS204): synth cannot build the table, so diff plans none."""
    (tmp_path / "go.mod").write_text((SHOP / "go.mod").read_text())
    (tmp_path / "customer.go").write_text(
        'package shop\n\ntype Customer struct {\n\tID    string `dynamorm:"pk"`\n'
        '\tEmail string `dynamorm:"index:gsi-email,sk"`\n}\n\n'
        'func (Customer) TableName() string { return "customers" }\n'
    )
    result = cli("diff", tmp_path, "--against", TEMPLATES / "ok.template.json", "--format", "json")
    assert result.exit_code == 1
    (customers,) = [t for t in json_output(result)["tables"] if t["table"] == "model Customer"]
    assert (customers["action"], customers["verdict"]) == ("invalid", "error")
    assert "index gsi-email has no partition key (TS204)" in customers["message"]


def test_lint_reports_the_key_mismatch_but_no_update_for_a_table_without_a_partition_key(
    lint_against, model_without_partition_key
):
    findings = lint_against(tagscan.scan([model_without_partition_key]), TEMPLATES / "ok.template.json")
    assert sorted(f.rule for f in findings) == ["TS702", "TS703"]  # TS702: the orders table has no model here


def test_diff_never_plans_a_table_named_after_an_env_var_or_unresolved(cli, tmp_path):
    """Order reads ORDERS_TABLE_NAME, Ledger an expression tagscan cannot follow: no table of the
    template (functions only: the tables' stack is not given) is theirs, and both are unmatched
    errors named by their models, as lint names them."""
    shutil.copytree(SHOP, tmp_path / "shop")
    (tmp_path / "shop" / "ledger.go").write_text(
        "package shop\n\nimport \"os\"\n\n"
        "type Ledger struct {\n\tEntryID string `dynamorm:\"pk\"`\n}\n\n"
        "func (Ledger) TableName() string { return os.Getenv(\"STAGE\") + \"-\" + tableSuffix() }\n\n"
        "func tableSuffix() string { return \"ledger\" }\n"
    )
    template = TEMPLATES / "match-importvalue-functions.yaml"
    result = cli("diff", tmp_path / "shop", "--against", template)
    assert result.exit_code == 1
    assert "ORDERS_TABLE_NAME  [" not in result.stdout and "unresolved:" not in result.stdout
    plans = {t["table"]: t for t in json_output(cli("diff", tmp_path / "shop", "--against", template, "--format", "json"))["tables"]}
    assert {(t, p["action"], p["verdict"]) for t, p in plans.items()} == {
        ("model Customer", "unmatched", "error"),
        ("model Ledger", "unmatched", "error"),
        ("model Order", "unmatched", "error"),
    }
    lint = json_output(cli("lint", tmp_path / "shop", "--against", template, "--format", "json"))
    assert {f["models"][0] for f in lint["findings"] if f["rule"] == "TS701"} == {
        t["table"].removeprefix("model ") for t in plans.values() if t["action"] == "unmatched"
    }
