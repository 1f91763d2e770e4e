"""A user app with every construct and CDK's own types passes ``mypy --strict`` and synthesizes;
the same constructs with wrong types do not pass."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest
from aws_cdk import cx_api

from tests.cdk.scenarios import ASSET
from tests.cdk.user_app_typed import build
from tests.conftest import ROOT
from tests.synth.conftest import MODELS

pytestmark = pytest.mark.slow  # mypy over aws-cdk-lib, and a synth

USER_APP = pathlib.Path(__file__).with_name("user_app_typed.py")
MYPY_CACHE = ROOT / ".cache" / "mypy"  # aws-cdk-lib's types take minutes to check the first time
# Each line a mistake the types must catch.
MISTAKES = '''\
from aws_cdk import App, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from cdk_bridge import DynamORMFunction, DynamORMModelsStack, DynamORMTable, RateLimitedFunction

stack = Stack(App(), "S")
key = dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING)
table = DynamORMTable(stack, "T", model_name="T", partition_key=key, billing_mode="PROVISIONED")
DynamORMFunction(stack, "F", dynamorm_tables=[table], runtime="provided.al2023", handler="bootstrap", code=lambda_.Code.from_inline(""))
DynamORMFunction(stack, "G", dynamorm_tables=[table], handler="bootstrap", code=lambda_.Code.from_inline(""))
RateLimitedFunction(stack, "R", function_props={"runtime": lambda_.Runtime.PROVIDED_AL2023, "handler": "bootstrap", "code": "x"})
nothing: None = table.grant_dynamorm_access(lambda_.Function.from_function_name(stack, "X", "x"))
DynamORMModelsStack(App(), "M", models="models", removal_policy="DESTROY")
'''


def mypy(*files: pathlib.Path) -> list[tuple[str, int, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
         "--cache-dir", str(MYPY_CACHE), *map(str, files)],
        cwd=ROOT, env={**os.environ, "MYPYPATH": str(ROOT)}, capture_output=True, text=True, check=False,
    )
    assert not done.stderr, done.stderr
    return [(pathlib.Path(f).name, int(line), message)
            for f, line, message in re.findall(r"^(\S+?):(\d+): error: (.*)$", done.stdout, re.MULTILINE)]


def test_the_user_app_passes_mypy_strict_and_the_mistakes_do_not(tmp_path: pathlib.Path) -> None:
    mistakes = tmp_path / "mistakes.py"
    mistakes.write_text(MISTAKES, encoding="utf-8")
    errors = mypy(USER_APP, mistakes)
    assert [e for e in errors if e[0] == USER_APP.name] == []
    lines = {line for name, line, _ in errors if name == mistakes.name}
    assert lines == set(range(8, 14)), errors


def test_the_user_app_synthesizes_without_warnings(tmp_path: pathlib.Path) -> None:
    app = build(str(tmp_path / "cdk.out"), MODELS, ASSET)
    assembly = app.synth()
    assert sorted(s.stack_name for s in assembly.stacks) == ["Models", "Shop"]
    for stack in assembly.stacks:
        warnings = [m.entry.data for m in stack.messages if m.level == cx_api.SynthesisMessageLevel.WARNING]
        assert warnings == [], stack.stack_name
