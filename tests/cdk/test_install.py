"""tagscan installed the way a CDK app installs a library: without constraints.txt, into a fresh
venv that already has the newest aws-cdk-lib 2.x the package index serves. The install keeps that
aws-cdk-lib (pyproject.toml asks for ranges), and that venv synthesizes the example models."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.synth.conftest import MODELS

pytestmark = pytest.mark.slow  # a venv, downloads, and a synth

# What `pip install .` needs of the project: its metadata, readme and packages.
PROJECT_FILES = ("pyproject.toml", "README.md", "tagscan", "cdk_bridge")


def run(*args: str | os.PathLike[str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(map(str, args)), capture_output=True, text=True, timeout=timeout, check=False)


def newest_cdk() -> str:
    """The newest aws-cdk-lib 2.x the configured package index serves; skips when it cannot be reached."""
    done = run(sys.executable, "-m", "pip", "index", "versions", "aws-cdk-lib", timeout=300)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"pip exited {done.returncode}"])[-1]
        pytest.skip(f"the package index is unreachable: {reason}")
    versions = re.search(r"^Available versions: (.*)$", done.stdout, re.MULTILINE)
    assert versions, done.stdout
    majors_2 = [v.strip() for v in versions.group(1).split(",") if v.strip().startswith("2.")]
    return majors_2[0]  # pip lists the newest first


def installed_version(venv: pathlib.Path, package: str) -> str:
    done = run(venv / "bin" / "python", "-c", f"import importlib.metadata as m; print(m.version({package!r}))")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pip_install_keeps_the_apps_newer_cdk_and_synthesizes_the_fixtures(tmp_path: pathlib.Path) -> None:
    cdk = newest_cdk()
    venv = tmp_path / "venv"
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    assert run(sys.executable, "-m", "venv", venv).returncode == 0
    done = run(*pip, f"aws-cdk-lib=={cdk}")  # the CDK app's own aws-cdk-lib
    assert done.returncode == 0, done.stderr
    source = tmp_path / "source"  # a copy: building in the project would write build/ there
    source.mkdir()
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)

    done = run(*pip, source)  # as a user does: no constraints.txt
    assert done.returncode == 0, done.stderr
    assert installed_version(venv, "aws-cdk-lib") == cdk

    output = tmp_path / "cdk.out"
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    synth = subprocess.run(
        [str(venv / "bin" / "tagscan"), "synth", str(MODELS), "-o", str(output)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False,
    )
    assert synth.returncode == 0, synth.stdout + synth.stderr
    template = json.loads((output / "DynamORMModels.template.json").read_text(encoding="utf-8"))
    tables = [r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) == 3
    assert json.loads((output / "manifest.json").read_text(encoding="utf-8"))["artifacts"]["DynamORMModels"]
