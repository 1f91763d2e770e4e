"""Interrupting `tagscan synth` (SIGINT or SIGKILL at random moments) never leaves a half-written cdk.out:
the previous assembly stays whole, or the new one is complete."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import time

import pytest

from tests.conftest import FIXTURES, TAGSCAN

pytestmark = pytest.mark.slow  # sleeps, and each synth starts Node (jsii)

TRIALS = 20
SEED = 20261126
STAMP = "tagscan-synth.json"


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def complete(directory: pathlib.Path, trial: int) -> bool:
    """Written by this trial, and every file as the synth that wrote it recorded it."""
    stamp = json.loads((directory / STAMP).read_text())
    intact = all(hashlib.sha256((directory / name).read_bytes()).hexdigest() == sha for name, sha in stamp["files"].items())
    templates = [json.loads((directory / name).read_text()) for name in stamp["files"] if name.endswith(".template.json")]
    tagged = any(
        {"Key": "trial", "Value": str(trial)} in resource.get("Properties", {}).get("Tags", [])
        for template in templates for resource in template["Resources"].values()
    )
    return intact and tagged and (directory / "manifest.json").is_file()


def synth(models: pathlib.Path, out: pathlib.Path, trial: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*TAGSCAN, "synth", str(models), "-o", str(out), "--force", "--tag", f"trial={trial}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
    )


def test_interrupted_synth_leaves_the_old_assembly_or_the_new_one(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "models", models)
    out = tmp_path / "cdk.out"
    first = synth(models, out, trial=-1)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode() if first.stderr else ""
    rng = random.Random(SEED)
    outcomes = []
    for trial in range(TRIALS):
        before = snapshot(out)
        running = synth(models, out, trial)
        time.sleep(rng.uniform(0.2, 4.0))
        running.send_signal(signal.SIGKILL if trial % 2 else signal.SIGINT)
        running.wait(timeout=120)
        stderr = running.stderr.read().decode() if running.stderr else ""
        assert "Traceback" not in stderr, stderr
        assert out.is_dir(), f"trial {trial}: no cdk.out at all"
        if snapshot(out) == before:
            outcomes.append("kept")
        else:
            assert complete(out, trial), f"trial {trial}: cdk.out is neither the old assembly nor a complete new one"
            outcomes.append("new")
    assert "kept" in outcomes  # the signals did land mid-synth
