"""The same stack through the real CDK CLI, `python -m cdk_bridge`, and whatever the order of the Go files."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from tests.conftest import run_tagscan
from tests.synth.conftest import MODELS, STACK, Synthesized, npm_tool, synthesize, tool_env

pytestmark = pytest.mark.slow  # the CDK CLI and each synth start Node


def test_cdk_synth_in_an_init_directory_writes_the_template_of_tagscan_synth(
    fixture_assembly: Synthesized, tmp_path: pathlib.Path
) -> None:
    cdk = npm_tool("cdk")
    shutil.copytree(MODELS, tmp_path / "models")
    assert run_tagscan("init", tmp_path).returncode == 0
    done = subprocess.run(
        [str(cdk), "synth", "--no-notices", "--quiet"], cwd=tmp_path, env=tool_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cdk.out" / f"{STACK}.template.json").read_bytes() == fixture_assembly.template_path.read_bytes()


def test_the_cdk_cli_accepts_the_assembly_of_tagscan_synth_as_an_app(fixture_assembly: Synthesized) -> None:
    cdk = npm_tool("cdk")
    done = subprocess.run(
        [str(cdk), "ls", "--no-notices", "--app", str(fixture_assembly.output)],
        cwd=fixture_assembly.output.parent, env=tool_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [STACK]


def test_the_entrypoint_reports_a_user_mistake_in_one_line(tmp_path: pathlib.Path) -> None:
    context = json.dumps({"tagscan:models": str(tmp_path / "no-such-models")})
    done = subprocess.run(
        [sys.executable, "-m", "cdk_bridge"], cwd=tmp_path, env=tool_env(CDK_CONTEXT_JSON=context, CDK_OUTDIR=str(tmp_path / "out")),
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("cdk_bridge: error: ")
    assert "Traceback" not in done.stderr


def test_the_entrypoint_reads_models_stack_name_and_options_from_the_context(tmp_path: pathlib.Path) -> None:
    context = {
        "tagscan:models": str(MODELS),
        "tagscan:stackName": "Shop",
        "tagscan:options": {"region": "eu-west-1", "billing-mode": "PROVISIONED", "tables": {"EVENTTABLE_TABLE_NAME": {"pitr": False}}},
    }
    done = subprocess.run(
        [sys.executable, "-m", "cdk_bridge"], cwd=tmp_path,
        env=tool_env(CDK_CONTEXT_JSON=json.dumps(context), CDK_OUTDIR=str(tmp_path / "out")),
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["artifacts"]["Shop"]["environment"] == "aws://unknown-account/eu-west-1"
    tables = json.loads((tmp_path / "out" / "Shop.template.json").read_text())["Resources"].values()
    pitr = {
        t["Properties"]["TableName"]["Fn::Join"][1][0]: t["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
        for t in tables
        if t["Type"] == "AWS::DynamoDB::Table"
    }
    assert pitr == {"Event-": False, "Idempotency-": True, "RateLimit-": True}
    assert all("ProvisionedThroughput" in t["Properties"] for t in tables if t["Type"] == "AWS::DynamoDB::Table")


@pytest.mark.parametrize("order", ["reversed", "rotated"])
def test_templates_are_byte_identical_whatever_the_file_order(
    fixture_assembly: Synthesized, tmp_path: pathlib.Path, order: str
) -> None:
    sources = sorted(MODELS.glob("*.go"))
    names = sources[::-1] if order == "reversed" else sources[1:] + sources[:1]
    models = tmp_path / "elsewhere" / "models"
    models.mkdir(parents=True)
    shutil.copy(MODELS / "go.mod", models / "go.mod")
    for source, renamed in zip(sources, names):
        shutil.copy(source, models / renamed.name)  # each model now comes at another place in the file order
    again = synthesize(models, tmp_path / "cdk.out")
    assert again.template_path.read_bytes() == fixture_assembly.template_path.read_bytes()
