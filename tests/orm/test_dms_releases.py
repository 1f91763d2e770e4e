"""`--format dms` by release (issue 15, acceptance 4): DMS v0.2 for TableTheory 3.0+, v0.1 before,
validated against fixtures/schemas/dms-v0.{1,2}.schema.json; a pascalCase model is refused."""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from tagscan.cli.app import app
from tests.conftest import FIXTURES

SCHEMAS = FIXTURES / "schemas"
V02 = FIXTURES / "dms-v0.2"
TT3 = "require github.com/theory-cloud/tabletheory/v3 v3.0.6\n"


def validator(version: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"dms-v{version}.schema.json").read_text()))


def export(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(app, ["scan", *args, "--format", "dms"])
    return result.exit_code, list(yaml.safe_load_all(result.stdout)), result.stderr


@pytest.mark.parametrize(
    ("version", "document"),
    [("0.1", FIXTURES / "dms" / "contract" / "user.yml"), ("0.1", FIXTURES / "dms" / "contract" / "order.yml"),
     ("0.2", V02 / "contract" / "session.yml")],
)
def test_the_schemas_accept_the_reference_documents(version: str, document: pathlib.Path) -> None:
    validator(version).validate(yaml.safe_load(document.read_text()))
    other = "0.2" if version == "0.1" else "0.1"
    assert not validator(other).is_valid(yaml.safe_load(document.read_text()))


def test_a_tabletheory_3_module_exports_dms_0_2() -> None:
    code, documents, _ = export(str(V02))
    assert code == 0
    (document,) = documents
    validator("0.2").validate(document)
    assert document == yaml.safe_load((V02 / "contract" / "session.yml").read_text())


def test_the_projections_fixture_exports_valid_dms_0_2() -> None:
    code, (document,), _ = export(str(FIXTURES / "projections" / "catalog"))
    validator("0.2").validate(document)
    indexes = {i["name"]: i["projection"] for i in document["models"][0]["indexes"]}
    assert indexes == {"gsi-category": {"type": "INCLUDE", "fields": ["name", "stock"]}, "gsi-sku": {"type": "KEYS_ONLY"}}


@pytest.mark.parametrize("release", [None, "1.7", "2"])
def test_a_1_x_or_2_x_module_exports_dms_0_1(release: str | None) -> None:
    code, (document,), _ = export(str(FIXTURES / "dms"), *(["--orm-version", release] if release else []))
    assert code == 0 and document["dms_version"] == "0.1"
    validator("0.1").validate(document)


MODELS = '''package billing

type Account struct {{
	_      struct{{}} `theorydb:"naming:{naming}"`
	ID     string   `theorydb:"pk"`
	Limits map[string]int64 `theorydb:"json"`
}}

func (Account) TableName() string {{ return "accounts" }}

type Invoice struct {{
	ID    string `theorydb:"pk"`
	Lines []string `theorydb:"json"`
}}

func (Invoice) TableName() string {{ return "invoices" }}
'''


def test_a_pascal_case_model_is_refused_and_the_others_exported(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text("module example.com/billing\n" + TT3)
    (tmp_path / "models.go").write_text(MODELS.format(naming="pascalCase"))
    code, (document,), stderr = export(str(tmp_path))
    assert code == 2
    assert stderr == "tagscan: error: models.go:3: model Account: unsupported DMS naming convention: pascalCase\n"
    assert [m["name"] for m in document["models"]] == ["Invoice"]
    validator("0.2").validate(document)


def test_json_attributes_keep_their_native_type_from_0_2(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text("module example.com/billing\n" + TT3)
    (tmp_path / "models.go").write_text(MODELS.format(naming="camelCase"))
    for release, version, types in (("3.0.6", "0.2", ["M", "L"]), ("2", "0.1", ["S", "S"])):
        _, (document,), _ = export(str(tmp_path), "--orm-version", release)
        validator(version).validate(document)
        assert [a["type"] for m in document["models"] for a in m["attributes"] if a.get("json")] == types


def test_models_of_two_dms_versions_make_two_documents(tmp_path) -> None:  # noqa: ANN001
    for name, require in (("new", TT3), ("old", "require github.com/theory-cloud/tabletheory v1.7.0\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "go.mod").write_text(f"module example.com/{name}\n" + require)
        (tmp_path / name / "models.go").write_text(MODELS.format(naming="camelCase").replace("billing", name))
    code, documents, _ = export(str(tmp_path))
    assert code == 0 and [d["dms_version"] for d in documents] == ["0.1", "0.2"]
    validator("0.1").validate(documents[0])
    validator("0.2").validate(documents[1])
