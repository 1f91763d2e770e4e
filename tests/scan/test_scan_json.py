"""`tagscan scan --format json`: valid against its JSON Schema on every fixture, the IR with `--full`,
and strict JSON (UTF-8, no lone surrogates) whatever bytes the Go files hold."""

from __future__ import annotations

import dataclasses
import importlib.resources
import json
import pathlib

import jsonschema
import orjson
import pytest

from tagscan import model, scan
from tagscan.export.scan_json import render_scan_json
from tests.conftest import FIXTURES, run_tagscan
from tests.goref.goref_process import as_go_json

SCHEMA = json.loads(importlib.resources.files("tagscan.schemas").joinpath("scan.schema.json").read_text())
# Every directory of Go files under fixtures/, each scanned on its own.
FIXTURE_DIRECTORIES = sorted({p.parent for p in FIXTURES.rglob("*.go")})
RECORDS = [
    cls for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("record", RECORDS, ids=lambda cls: cls.__name__)
def test_the_schema_has_one_definition_per_ir_record_with_its_fields(record: type) -> None:
    definition = SCHEMA if record is model.ScanResult else SCHEMA["$defs"][record.__name__]
    assert list(definition["properties"]) == [f.name for f in dataclasses.fields(record)]


@pytest.mark.parametrize("directory", FIXTURE_DIRECTORIES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_output_of_every_fixture_is_valid_and_full_is_the_ir(directory: pathlib.Path) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    result = scan([directory])
    default, full = (orjson.loads(render_scan_json(result, full=f)) for f in (False, True))
    validator.validate(default)
    validator.validate(full)
    assert full == as_go_json(result.to_dict())  # the IR, bytes that were not UTF-8 as U+FFFD
    assert all("fields" not in record for record in default["models"] + default["components"])
    assert default == {
        **full,
        "models": [{k: v for k, v in m.items() if k != "fields"} for m in full["models"]],
        "components": [{k: v for k, v in c.items() if k != "fields"} for c in full["components"]],
    }


def test_json_is_smaller_by_default_and_full_adds_every_field(tmp_path: pathlib.Path) -> None:
    default, full = (run_tagscan("scan", FIXTURES / "models", "--format", "json", *extra) for extra in ([], ["--full"]))
    assert default.returncode == full.returncode == 0, default.stderr + full.stderr
    assert len(default.stdout) * 2 < len(full.stdout)  # the per-field records are most of the document
    (model_, *_) = orjson.loads(full.stdout)["models"]
    assert {f["name"] for f in model_["fields"]} >= {a["field"] for a in model_["attributes"]}


def test_bytes_that_are_not_utf8_come_out_as_u_fffd_in_strict_json(tmp_path: pathlib.Path) -> None:
    """In identifiers, tags, comments and file names: every document parses with a strict decoder
    (orjson rejects lone surrogates, escaped or not, and bytes that are not UTF-8)."""
    models = tmp_path / "m"
    models.mkdir()
    (models / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (models / b"caf\xe9.go".decode("utf-8", "surrogateescape")).write_bytes(
        b"package m\n\n"
        b"// Order \xff is stored \xc3 in the orders table.\n"
        b"type Order struct {\n"
        b"\tID   string `dynamorm:\"pk,attr:id\xfe\" json:\"id\"`\n"
        b"\tName string `dynamorm:\"attr:n\xe9me\"`\n"
        b"}\n\n"
        b"func (Order) TableName() string { return \"orders\xff\" }\n"
    )
    (models / "bad.go").write_bytes(b"package m\n\ntype Ba\xffd struct {\n\tX string `dynamorm:\"pk\"`\n}\n")
    outputs = {
        "scan": ["scan", models, "--format", "json", "--full"],
        "lint json": ["lint", models, "--format", "json"],
        "lint sarif": ["lint", models, "--format", "sarif"],
    }
    documents = {}
    for name, args in outputs.items():
        done = run_tagscan(*args)  # stdout is decoded as strict UTF-8: bytes that are not fail here
        assert done.returncode in (0, 1), done.stderr
        assert "\\ud" not in done.stdout.lower(), name  # no escaped surrogate
        documents[name] = orjson.loads(done.stdout)
        assert documents[name] == json.loads(done.stdout), name
    scanned = documents["scan"]
    jsonschema.Draft202012Validator(SCHEMA).validate(scanned)
    (order,) = [m for m in scanned["models"] if m["name"] == "Order"]
    assert order["file"] == "caf\ufffd.go"
    assert order["table"]["name"] == "orders\ufffd"
    assert [f["tag"] for f in order["fields"]] == ["pk,attr:id\ufffd", "attr:n\ufffdme"]
    assert {d["file"] for d in scanned["diagnostics"] if d["rule"] == "TS002"} == {"bad.go", "caf\ufffd.go"}
    messages = [f["message"] for f in documents["lint json"]["findings"]]
    assert any("\ufffd" in message for message in messages)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in documents["lint sarif"]["runs"][0]["results"]}
    assert any(uri.endswith("/caf%E9.go") for uri in uris)  # the file's own bytes, percent-encoded
