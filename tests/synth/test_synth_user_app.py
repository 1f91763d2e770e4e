"""The README's user app runs as written: its DynamORMFunction gets every table's name from the
models stack's ``table_environment`` and the ORM's access to every table."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.synth.conftest import MODELS, tool_env

pytestmark = pytest.mark.slow  # each synth starts Node (jsii)

INTRO = "In your own CDK app"


def readme_app() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", text[text.index(INTRO) :], re.DOTALL)
    assert match, f"README: no python block after {INTRO!r}"
    return match.group(1)


def test_the_readme_app_wires_the_models_environment_into_a_dynamorm_function(tmp_path: pathlib.Path) -> None:
    app = readme_app()
    assert "DynamORMFunction(" in app and "environment=models.table_environment" in app
    (tmp_path / "app.py").write_text(app, encoding="utf-8")
    shutil.copytree(MODELS, tmp_path / "models")
    (tmp_path / "build" / "api").mkdir(parents=True)
    (tmp_path / "build" / "api" / "bootstrap").write_bytes(b"#!/bin/sh\n")
    done = subprocess.run(
        [sys.executable, "app.py"], cwd=tmp_path, env=tool_env(CDK_OUTDIR=str(tmp_path / "out")),
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr

    template = json.loads((tmp_path / "out" / "Models.template.json").read_text())
    resources = template["Resources"]
    tables = {name for name, r in resources.items() if r["Type"] == "AWS::DynamoDB::Table"}
    (function,) = [r for r in resources.values() if r["Type"] == "AWS::Lambda::Function"]
    variables = function["Properties"]["Environment"]["Variables"]
    env_vars = ["EVENTTABLE_TABLE_NAME", "IDEMPOTENCYTABLE_TABLE_NAME", "RATELIMITTABLE_TABLE_NAME"]
    assert {variables[v]["Ref"] for v in env_vars} == tables

    (policy,) = [r for r in resources.values() if r["Type"] == "AWS::IAM::Policy"]
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    actions = {a for s in statements for a in (s["Action"] if isinstance(s["Action"], list) else [s["Action"]])}
    assert {"dynamodb:PutItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"} <= actions
    granted = set(re.findall(r'"Fn::GetAtt": \["([^"]+)", "Arn"\]', json.dumps(statements)))
    assert granted == tables  # every table, through its ARN
