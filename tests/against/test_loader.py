"""Loading templates: JSON, YAML with the short intrinsic tags, cdk.out directories, and clear errors."""

from __future__ import annotations

import json

import pytest

from tagscan.against import load_templates
from tagscan.errors import InputError
from tests.against.conftest import SEED, TEMPLATES


def test_yaml_with_short_tags_reads_as_the_same_template_as_json():
    (from_json,) = load_templates([TEMPLATES / "ok.template.json"])
    (from_yaml,) = load_templates([TEMPLATES / "ok.template.yaml"])
    assert from_yaml.template == from_json.template
    variables = from_yaml.resources["OrderFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["ORDERS_TABLE_NAME"] == {"Ref": "OrdersTable"}
    assert variables["ORDERS_TABLE_ARN"] == {"Fn::GetAtt": ["OrdersTable", "Arn"]}
    assert from_yaml.template["AWSTemplateFormatVersion"] == "2010-09-09"  # a string, not a date


@pytest.mark.parametrize(
    ("yaml_value", "long_form"),
    [
        ("!Ref Table", {"Ref": "Table"}),
        ("!GetAtt Table.StreamArn", {"Fn::GetAtt": ["Table", "StreamArn"]}),
        ("!GetAtt [Table, Arn]", {"Fn::GetAtt": ["Table", "Arn"]}),
        ("!Sub '${AWS::StackName}-orders'", {"Fn::Sub": "${AWS::StackName}-orders"}),
        ("!Join ['-', [a, !Ref B]]", {"Fn::Join": ["-", ["a", {"Ref": "B"}]]}),
        ("!ImportValue shop-orders", {"Fn::ImportValue": "shop-orders"}),
        ("!Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        ("!Split [',', 'a,b']", {"Fn::Split": [",", "a,b"]}),
        ("!If [IsProd, a, b]", {"Fn::If": ["IsProd", "a", "b"]}),
        ("!Equals [a, b]", {"Fn::Equals": ["a", "b"]}),
        (
            "!And [!Condition A, !Not [!Condition B]]",
            {"Fn::And": [{"Condition": "A"}, {"Fn::Not": [{"Condition": "B"}]}]},
        ),
        ("!Or [!Condition A, !Condition B]", {"Fn::Or": [{"Condition": "A"}, {"Condition": "B"}]}),
        ("!FindInMap [Map, Key, Value]", {"Fn::FindInMap": ["Map", "Key", "Value"]}),
        ("!Base64 text", {"Fn::Base64": "text"}),
        ("!Cidr [10.0.0.0/16, 4, 8]", {"Fn::Cidr": ["10.0.0.0/16", 4, 8]}),
    ],
)
def test_each_short_tag_becomes_its_long_form(tmp_path, yaml_value, long_form):
    path = tmp_path / "t.yaml"
    path.write_text(f"Resources:\n  Thing:\n    Type: AWS::SNS::Topic\n    Properties:\n      Value: {yaml_value}\n")
    (loaded,) = load_templates([path])
    assert loaded.resources["Thing"]["Properties"]["Value"] == long_form


def _position_of(path, needle: str) -> tuple[int, int]:
    """The line that starts with ``needle``, and the column of its first non-blank character."""
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith(needle))
    return line, len(needle) - len(needle.lstrip()) + 1


@pytest.mark.parametrize(
    ("name", "key"),
    [("ts702-unused-dynamorm-table.yaml", "  InvoicesTable:"), ("ok.template.json", '    "CustomersTable": {')],
)
def test_resources_keep_their_position(name, key):
    (loaded,) = load_templates([TEMPLATES / name])
    logical_id = key.strip().strip('":{ ')
    assert loaded.position_of(logical_id) == _position_of(TEMPLATES / name, key)


def test_a_cdk_out_directory_gives_every_stack_its_manifest_lists(tmp_path):
    """Stacks of the top assembly and of a nested one (a CDK Stage); other artifacts are skipped."""
    template = json.loads((SEED / "multi-tenant.template.json").read_text())
    (tmp_path / "Api.template.json").write_text(json.dumps(template, indent=1))
    nested = tmp_path / "assembly-Prod"
    nested.mkdir()
    (nested / "ProdData.template.json").write_text(json.dumps(template))
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {
                "version": "48.0.0",
                "artifacts": {
                    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}},
                    "Api": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Api.template.json"}},
                    "assembly-Prod": {"type": "aws:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}},
                },
            }
        )
    )
    (nested / "manifest.json").write_text(
        json.dumps(
            {
                "version": "48.0.0",
                "artifacts": {
                    "ProdData": {
                        "type": "aws:cloudformation:stack",
                        "displayName": "Prod/Data",
                        "properties": {"templateFile": "ProdData.template.json"},
                    },
                },
            }
        )
    )
    loaded = load_templates([tmp_path])
    assert [(t.stack, t.path) for t in loaded] == [
        ("Api", str(tmp_path / "Api.template.json")),
        ("Prod/Data", str(nested / "ProdData.template.json")),
    ]
    assert loaded[0].position_of("OrdersTable1F8332C7")[0] > 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"AWSTemplateFormatVersion": "2010-09-09"}', "t.txt: not a CloudFormation template (no Resources)"),
        ("just: a mapping\n", "t.txt: not a CloudFormation template (no Resources)"),
        ("- a list\n", "t.txt: not a CloudFormation template (no Resources)"),
        ('{"Resources": {', "t.txt:1: not valid JSON"),
        ("Resources:\n  A: [unclosed\n", "t.txt:3: not valid YAML"),
        ("Resources:\n  A: !Bogus x\n", "t.txt:2: not valid YAML: unknown tag !Bogus"),
        ("", "t.txt: not a CloudFormation template (no Resources)"),
        ("Resources: &r\n  A: [*r]\n", "t.txt: not a CloudFormation template (a YAML alias contains itself)"),
    ],
)
def test_a_file_that_is_not_a_template_is_an_input_error_naming_it(tmp_path, content, message):
    path = tmp_path / "t.txt"
    path.write_text(content)
    with pytest.raises(InputError) as raised:
        load_templates([path])
    assert str(raised.value).startswith(str(tmp_path / message.split(":")[0]) + message[len("t.txt") :])


def test_missing_paths_and_directories_without_a_manifest_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        load_templates([tmp_path / "absent.json"])
    with pytest.raises(InputError, match=r"not a cdk.out directory \(no manifest.json\)"):
        load_templates([tmp_path])
    (tmp_path / "manifest.json").write_text('{"artifacts": {}}')
    with pytest.raises(InputError, match="lists no stack templates"):
        load_templates([tmp_path])


def test_lint_reports_a_bad_template_in_one_line_and_exits_2(cli, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('{"hello": "world"}')
    result = cli("lint", "fixtures/against/shop", "--against", path)
    assert result.exit_code == 2
    assert result.stderr == f"tagscan: error: {path}: not a CloudFormation template (no Resources)\n"
