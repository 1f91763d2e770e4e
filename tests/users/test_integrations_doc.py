"""docs/integrations.md: its workflow and pre-commit YAML is valid, and the `tagscan` commands the
workflows run work as documented on real models."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, run_tagscan

DOC = ROOT / "docs" / "integrations.md"


def yaml_blocks() -> list[dict]:
    text = DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)]


def workflow_commands() -> list[str]:
    return [
        step["run"]
        for block in yaml_blocks()
        if isinstance(block, dict) and "jobs" in block
        for job in block["jobs"].values()
        for step in job["steps"]
        if step.get("run", "").startswith("tagscan ")
    ]


def test_the_workflows_pin_their_actions_and_sarif_upload_may_write_security_events():
    workflows = [b for b in yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    assert len(workflows) == 2
    uses = [s["uses"] for w in workflows for j in w["jobs"].values() for s in j["steps"] if "uses" in s]
    assert all(re.search(r"@v\d+$", u) for u in uses)
    sarif = next(w for w in workflows if "security-events" in w["permissions"])
    upload = next(s for j in sarif["jobs"].values() for s in j["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "always()"  # findings make lint exit 1: upload them anyway


def test_the_pre_commit_example_names_the_hook_this_repository_ships():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = next(b for b in yaml_blocks() if isinstance(b, dict) and "repos" in b)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [h["id"] for h in hooks] == ["tagscan-lint"]


BROKEN_MODEL = """\
package models

type Account struct {
	Email string `dynamorm:"index:gsi-email"`
}
"""


@pytest.mark.parametrize("command", workflow_commands())
def test_the_workflow_commands_report_a_broken_model(tmp_path, command):
    shutil.copytree(FIXTURES / "models", tmp_path / "models")
    (tmp_path / "models" / "account.go").write_text(BROKEN_MODEL, encoding="utf-8")
    result = run_tagscan(*shlex.split(command)[1:], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    if "sarif" in command:
        report = json.loads((tmp_path / "tagscan.sarif").read_text(encoding="utf-8"))
        assert report["version"] == "2.1.0"
        assert "TS201" in {r["ruleId"] for r in report["runs"][0]["results"]}
    else:
        assert "::error file=models/account.go,line=3" in result.stdout
