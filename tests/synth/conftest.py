"""Fixtures of the synth tests: the real CLI, the real CDK CLI and a real dynalite on loopback (tests/dynalite.py).

CDK synths cost seconds each, so every synthesized assembly is session-scoped.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import FIXTURES, run_tagscan
from tests.dynalite import dynalite_endpoint, npm_tool  # noqa: F401 - shared with other areas

MODELS = FIXTURES / "models"
STACK = "DynamORMModels"
VENV_BIN = pathlib.Path(sys.executable).parent


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for the CDK CLI and `python -m cdk_bridge`: the venv's python3 first on PATH."""
    return {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "CDK_DISABLE_VERSION_CHECK": "1",
        **extra,
    }


@dataclass(frozen=True)
class Synthesized:
    output: pathlib.Path  # the cdk.out directory
    stdout: str

    @property
    def template_path(self) -> pathlib.Path:
        return self.output / f"{STACK}.template.json"

    @property
    def template(self) -> dict[str, Any]:
        return json.loads(self.template_path.read_text(encoding="utf-8"))

    def resources(self, kind: str = "AWS::DynamoDB::Table") -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.template["Resources"].items() if v["Type"] == kind}


def synthesize(models: pathlib.Path, output: pathlib.Path, *flags: str) -> Synthesized:
    done = run_tagscan("synth", models, "-o", output, *flags)
    assert done.returncode == 0, done.stdout + done.stderr
    return Synthesized(output, done.stdout)


@pytest.fixture(scope="session")
def fixture_assembly(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """`tagscan synth fixtures/models`, once per session."""
    return synthesize(MODELS, tmp_path_factory.mktemp("synth") / "cdk.out")
