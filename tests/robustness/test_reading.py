"""What a scan reads: everything it was given and nothing else. What it cannot read is reported,
what lies outside the input is not followed, and nothing read can make it wait."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

MODEL = 'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk"`\n}\n'
ITEM = 'package items\n\ntype Item struct {\n\tID string `dynamorm:"pk"`\n}\n'
# root reads every directory whatever its mode: run tagscan without that power to see what a user sees
AS_A_USER = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def tagscan(cwd: pathlib.Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*AS_A_USER, sys.executable, "-m", "tagscan", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def unreadable_package(tmp_path: pathlib.Path):
    (tmp_path / "models" / "items").mkdir(parents=True)
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "models" / "items" / "item.go").write_text(ITEM)
    (tmp_path / "models" / "items").chmod(0)
    yield tmp_path
    (tmp_path / "models" / "items").chmod(0o755)


def test_an_unreadable_directory_is_a_finding_not_a_clean_lint(unreadable_package):
    done = tagscan(unreadable_package, "lint", "models")
    assert done.returncode == 1
    assert "models/items:1:1: TS002 cannot read directory: Permission denied" in done.stdout
    assert "All checks passed" not in done.stdout


def test_synth_refuses_models_it_cannot_all_read(unreadable_package):
    done = tagscan(unreadable_package, "synth", "models", "-o", "cdk.out")
    assert done.returncode == 1
    assert "TS002" in done.stdout and "nothing was written" in done.stderr
    assert not (unreadable_package / "cdk.out").exists()
