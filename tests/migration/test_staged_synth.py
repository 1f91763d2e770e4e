"""`tagscan synth MODELS --against DEPLOYED`: model histories stepped through to the models, one safe deploy at a time.

Each history in fixtures/steps/ has the models as deployed (``before``) and as changed (``after``). The
``before`` synth is the deployed template; each step's template becomes the next deployed one, as after
a real deploy. Every step must be cfn-lint clean and within CloudFormation's rules (at most one GSI
created or deleted per table, TTL never moved while enabled), and the last one must be a plain synth.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint
from typer.testing import CliRunner

from tagscan.cli.app import app
from tests.conftest import FIXTURES, run_tagscan

pytestmark = pytest.mark.slow

HISTORIES = FIXTURES / "steps"
TEMPLATE = "DynamORMModels.template.json"


def _synth(models: pathlib.Path, out: pathlib.Path, *against: object) -> subprocess.CompletedProcess[str]:
    done = run_tagscan("synth", models, "-o", out, *against)
    assert done.returncode in (0, 1), done.stderr
    return done


def _table(template: dict[str, Any]) -> dict[str, Any]:
    [table] = [r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    return table


def _gsis(template: dict[str, Any]) -> dict[str, Any]:
    return {g["IndexName"]: g for g in _table(template).get("GlobalSecondaryIndexes", [])}


def _ttl(template: dict[str, Any]) -> dict[str, Any] | None:
    return _table(template).get("TimeToLiveSpecification")


def _check_deployable(deployed: dict[str, Any], step: dict[str, Any]) -> None:
    """CloudFormation accepts ``step`` as an update of ``deployed``, and cfn-lint finds no error in it."""
    before, after = _gsis(deployed), _gsis(step)
    created_or_deleted = (before.keys() ^ after.keys()) | {n for n in before.keys() & after.keys() if before[n] != after[n]}
    assert len(created_or_deleted) <= 1, created_or_deleted
    old_ttl, new_ttl = _ttl(deployed), _ttl(step)
    if old_ttl and new_ttl and old_ttl["Enabled"] and new_ttl["Enabled"]:
        assert old_ttl["AttributeName"] == new_ttl["AttributeName"], "TTL moved while enabled"
    errors = [f"{m.rule.id} {m.path_string}: {m.message}" for m in lint(json.dumps(step), config=ManualArgs(regions=["us-east-1"])) if m.rule.id[0] == "E"]
    assert errors == []


def _step_through(history: str, tmp: pathlib.Path, *flags: str) -> list[tuple[str, dict[str, Any]]]:
    """(synth stdout, template) of every step from ``before`` to ``after``; the last step is checked
    against a plain synth of ``after``."""
    _synth(HISTORIES / history / "before", tmp / "before")
    deployed_path = tmp / "deployed-0.json"
    shutil.copy(tmp / "before" / TEMPLATE, deployed_path)
    steps: list[tuple[str, dict[str, Any]]] = []
    remaining = None
    while remaining != 1:
        out = tmp / f"step-{len(steps) + 1}"
        done = _synth(HISTORIES / history / "after", out, "--against", deployed_path, *flags)
        assert done.returncode == 0, done.stdout + done.stderr
        remaining = int(re.search(r"^step 1 of (\d+)", done.stdout, re.M).group(1))  # type: ignore[union-attr]
        if steps:
            assert remaining == int(re.search(r"^step 1 of (\d+)", steps[-1][0], re.M).group(1)) - 1  # type: ignore[union-attr]
        step = json.loads((out / TEMPLATE).read_text())
        _check_deployable(json.loads(deployed_path.read_text()), step)
        steps.append((done.stdout, step))
        deployed_path = tmp / f"deployed-{len(steps)}.json"
        shutil.copy(out / TEMPLATE, deployed_path)
    _synth(HISTORIES / history / "after", tmp / "plain")
    assert (tmp / f"step-{len(steps)}" / TEMPLATE).read_bytes() == (tmp / "plain" / TEMPLATE).read_bytes()
    return steps


def test_three_new_gsis_take_three_deploys(tmp_path: pathlib.Path) -> None:
    steps = _step_through("three-gsis", tmp_path)
    assert [sorted(_gsis(t)) for _, t in steps] == [["gsi-ip"], ["gsi-ip", "gsi-tenant"], ["gsi-ip", "gsi-tenant", "gsi-user"]]
    first = steps[0][0]
    assert "step 1 of 3" in first and "create GSI gsi-ip" in first
    assert "step 2 of 3 (deploy step 1 first, then run again):\n  RATELIMITTABLE_TABLE_NAME: create GSI gsi-tenant" in first
    assert "step 3 of 3" in first and "create GSI gsi-user" in first


def test_a_ttl_rename_disables_then_enables(tmp_path: pathlib.Path) -> None:
    steps = _step_through("ttl-rename", tmp_path)
    assert [_ttl(t) for _, t in steps] == [
        {"AttributeName": "expiresAt", "Enabled": False},
        {"AttributeName": "purgeAt", "Enabled": True},
    ]
    assert "disable TTL expiresAt" in steps[0][0]
    assert "step 2 of 2 (deploy step 1 first, then run again):\n  RATELIMITTABLE_TABLE_NAME: enable TTL purgeAt (at least an hour" in steps[0][0]


def test_a_key_change_is_refused_unless_replacement_is_allowed(tmp_path: pathlib.Path) -> None:
    _synth(HISTORIES / "gsi-and-key" / "before", tmp_path / "before")
    deployed = tmp_path / "deployed.json"
    shutil.copy(tmp_path / "before" / TEMPLATE, deployed)
    refused = run_tagscan("synth", HISTORIES / "gsi-and-key" / "after", "-o", tmp_path / "refused", "--against", deployed)
    assert refused.returncode == 1
    assert "synth refused: a change replaces a table" in refused.stderr
    assert "sort key: windowTime (S) → bucket (S)" in refused.stderr and "--allow-replacement" in refused.stderr
    assert not (tmp_path / "refused").exists()
    steps = _step_through("gsi-and-key", tmp_path / "allowed", "--allow-replacement")
    assert len(steps) == 1 and "replace the table" in steps[0][0]


def test_diff_against_prints_the_same_steps(tmp_path: pathlib.Path) -> None:
    _synth(HISTORIES / "three-gsis" / "before", tmp_path / "before")
    deployed = tmp_path / "deployed.json"
    shutil.copy(tmp_path / "before" / TEMPLATE, deployed)
    synth = _synth(HISTORIES / "three-gsis" / "after", tmp_path / "step", "--against", deployed)
    diff = CliRunner().invoke(app, ["diff", str(HISTORIES / "three-gsis" / "after"), "--against", str(deployed)])
    steps = synth.stdout[: synth.stdout.index("stack DynamORMModels")]
    assert steps.startswith("step 1 of 3")
    assert diff.output.endswith("\n" + steps)
    assert "TS801" in diff.output  # the plan above the steps still says why they are needed
