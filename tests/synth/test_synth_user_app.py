"""The README's user app runs as written: its function gets every table's name and the ORM's access."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT
from tests.synth.conftest import MODELS, tool_env

SECTION = "## Your own CDK app"


def readme_app() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"README: no python block under {SECTION!r}"
    return match.group(1)


def test_the_readme_app_wires_the_models_environment_into_a_dynamorm_function(tmp_path: pathlib.Path) -> None:
    (tmp_path / "app.py").write_text(readme_app(), encoding="utf-8")
    shutil.copytree(MODELS, tmp_path / "models")
    (tmp_path / "handler").mkdir()
    (tmp_path / "handler" / "bootstrap").write_bytes(b"#!/bin/sh\n")
    done = subprocess.run(
        [sys.executable, "app.py"], cwd=tmp_path, env=tool_env(CDK_OUTDIR=str(tmp_path / "out")),
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr

    models = json.loads((tmp_path / "out" / "Models.template.json").read_text())
    api = json.loads((tmp_path / "out" / "Api.template.json").read_text())
    exported = {  # export name -> the logical id of the table it names or gives the ARN of
        o["Export"]["Name"]: o["Value"].get("Ref") or o["Value"]["Fn::GetAtt"][0]
        for o in models["Outputs"].values()
        if "Export" in o
    }
    tables = {name for name, r in models["Resources"].items() if r["Type"] == "AWS::DynamoDB::Table"}
    (function,) = [r for r in api["Resources"].values() if r["Type"] == "AWS::Lambda::Function"]
    variables = function["Properties"]["Environment"]["Variables"]
    env_vars = ["EVENTTABLE_TABLE_NAME", "IDEMPOTENCYTABLE_TABLE_NAME", "RATELIMITTABLE_TABLE_NAME"]
    assert {exported[variables[v]["Fn::ImportValue"]] for v in env_vars} == tables

    (policy,) = [r for r in api["Resources"].values() if r["Type"] == "AWS::IAM::Policy"]
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    actions = {a for s in statements for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}
    assert {"dynamodb:PutItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"} <= actions
    imports = set(re.findall(r'"Fn::ImportValue": "([^"]+)"', json.dumps(statements)))
    assert {exported[name] for name in imports} == tables  # every table granted, through its ARN
