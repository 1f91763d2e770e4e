"""Index projections from TableTheoryIndexProjections() (TableTheory 2.x+): the IR, synth, lint
--against and diff (issue 15, acceptance 3). fixtures/projections/catalog is a TableTheory v3.0.6
service; deployed.json is its table before the projections were added."""

from __future__ import annotations

import json
import subprocess

import pytest
from typer.testing import CliRunner

import tagscan
from cdk_bridge.spec import table_specs
from tagscan.cli.app import app
from tests.conftest import FIXTURES

CATALOG = FIXTURES / "projections" / "catalog"
DEPLOYED = FIXTURES / "projections" / "deployed.json"


def projections(result: tagscan.ScanResult) -> dict[str, tuple[str, tuple[str, ...]]]:
    (model,) = result.models
    return {i.name: (i.projection, i.non_key_attributes) for i in model.indexes}


def test_the_projections_method_sets_each_index_projection() -> None:
    assert projections(tagscan.scan(CATALOG)) == {
        "gsi-category": ("INCLUDE", ("name", "stock")),  # sorted, as the ORM sorts Fields
        "gsi-sku": ("KEYS_ONLY", ()),  # Type from a constant of the package
    }


def test_before_tabletheory_2_every_index_projects_all() -> None:
    assert set(projections(tagscan.scan(CATALOG, orm_version="1.7")).values()) == {("ALL", ())}


def test_a_body_that_is_no_literal_is_unresolved_not_guessed(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text("module example.com/svc\nrequire github.com/theory-cloud/tabletheory/v3 v3.0.6\n")
    (tmp_path / "a.go").write_text(
        'package svc\n\ntype Item struct {\n\tID string `theorydb:"pk"`\n\tKind string `theorydb:"index:gsi-kind"`\n}\n\n'
        'func (Item) TableName() string { return "items" }\n\n'
        "func (Item) TableTheoryIndexProjections() map[string]Projection { return projections() }\n\n"
        "type Projection struct{ Type string }\n\nfunc projections() map[string]Projection { return nil }\n"
    )
    result = tagscan.scan(tmp_path)
    assert projections(result) == {"gsi-kind": ("ALL", ())}
    notes = [d for d in result.diagnostics if d.rule == "TS004"]
    assert [(d.file, d.line, d.message) for d in notes] == [(
        "a.go", 10,
        "Item.TableTheoryIndexProjections() is not read: it returns no composite literal; its indexes are taken as projecting ALL",
    )]


def test_the_table_spec_carries_the_projections() -> None:
    (spec,) = table_specs(tagscan.scan(CATALOG))
    assert {g.name: (g.projection, g.non_key_attributes) for g in spec.global_secondary_indexes} == {
        "gsi-category": ("INCLUDE", ("name", "stock")),
        "gsi-sku": ("KEYS_ONLY", ()),
    }


def test_lint_against_reports_the_deployed_projection_that_differs() -> None:
    result = CliRunner().invoke(app, ["lint", str(CATALOG), "--against", str(DEPLOYED), "--format", "json"])
    found = [(f["rule"], f["line"], f["message"]) for f in json.loads(result.stdout)["findings"] if f["rule"] == "TS711"]
    assert len(found) == 1
    rule, line, message = found[0]
    assert line == 9  # Category, the first field of gsi-category
    assert message.startswith("GSI `gsi-category` projects INCLUDE [name, stock] in the model (TableTheoryIndexProjections) and ALL on the table")


def test_diff_says_the_index_is_replaced() -> None:
    result = CliRunner().invoke(app, ["diff", str(CATALOG), "--against", str(DEPLOYED), "--format", "json"])
    assert result.exit_code == 1
    (table,) = json.loads(result.stdout)["tables"]
    (change,) = table["changes"]  # gsi-sku projects KEYS_ONLY on both sides: no change
    assert (change["subject"], change["verdict"], change["rule"]) == ("GSI gsi-category", "error", "TS803")
    assert change["new"].endswith("projection INCLUDE [name, stock]")
    assert "the projection changes: the index is replaced" in change["message"]


@pytest.mark.slow  # jsii and cfn-lint
def test_synth_writes_include_and_keys_only_indexes_that_cfn_lint_accepts(tmp_path) -> None:  # noqa: ANN001
    import aws_cdk as cdk

    from cdk_bridge import DynamORMModelsStack
    from tests.synth.conftest import VENV_BIN

    app_ = cdk.App(outdir=str(tmp_path))
    DynamORMModelsStack(app_, "Catalog", models=CATALOG)
    app_.synth()
    (template_path,) = tmp_path.glob("*.template.json")
    (table,) = [r for r in json.loads(template_path.read_text())["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    indexes = {g["IndexName"]: g["Projection"] for g in table["Properties"]["GlobalSecondaryIndexes"]}
    assert indexes == {
        "gsi-category": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["name", "stock"]},
        "gsi-sku": {"ProjectionType": "KEYS_ONLY"},
    }
    done = subprocess.run([str(VENV_BIN / "cfn-lint"), str(template_path)], capture_output=True, text=True, check=False)
    assert not done.returncode & 2, done.stdout + done.stderr  # bit 2: errors
