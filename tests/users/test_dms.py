"""`tagscan scan --format dms`: Go models equivalent to the ORM's DMS v0.1 contract models export
to documents equal to the contract after parsing."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from tagscan.cli import app
from tagscan.errors import InputError
from tagscan.export.dms import dms_document
from tagscan.model import TableRef
from tests.conftest import FIXTURES
from tests.users.ir import users_and_orders

DMS = FIXTURES / "dms"


@pytest.mark.parametrize("name", ["user", "order"])
def test_the_contract_model_exports_to_its_document(runner, name):
    result = runner.invoke(app, ["scan", str(DMS / f"{name}.go"), "--format", "dms"])
    assert result.exit_code == 0, result.output
    contract = yaml.safe_load((DMS / "contract" / f"{name}.yml").read_text(encoding="utf-8"))
    assert yaml.safe_load(result.stdout) == contract


def test_a_package_exports_all_its_models_in_one_document(runner):
    result = runner.invoke(app, ["scan", str(DMS), "--format", "dms"])
    document = yaml.safe_load(result.stdout)
    assert document["dms_version"] == "0.1" and document["namespace"] == "dynamorm.contract"
    assert sorted(m["name"] for m in document["models"]) == ["Order", "User"]


def test_the_document_is_json_compatible_yaml():
    text = yaml.safe_dump(dms_document(users_and_orders()))
    assert "&" not in text and "!!" not in text  # no anchors, no custom tags
    assert yaml.safe_load(text)["dms_version"] == "0.1"  # a string, not the float 0.1


def test_an_lsi_shares_the_table_partition_key_and_an_env_table_exports_its_fallback_name():
    user = dms_document(users_and_orders())["models"][0]
    assert user["table"] == {"name": "users"}
    lsi = next(i for i in user["indexes"] if i["type"] == "LSI")
    assert lsi["partition"] == {"attribute": "id", "type": "S"}
    assert lsi["sort"] == {"attribute": "createdAt", "type": "S"}


def test_models_from_several_packages_have_no_namespace():
    scan = users_and_orders()
    scan = replace(scan, models=(replace(scan.models[0], import_path="example.com/other"), *scan.models[1:]))
    assert "namespace" not in dms_document(scan)


def test_an_unresolved_table_name_is_an_input_error():
    scan = users_and_orders()
    unresolved = replace(scan.models[0], table=TableRef(source="unresolved", expr="prefix+suffix"))
    with pytest.raises(InputError, match="model User: the table name cannot be resolved statically"):
        dms_document(replace(scan, models=(unresolved,)))
