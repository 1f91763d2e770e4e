"""Synth leaves nothing behind, in $TMPDIR (where jsii's kernel copies its runtime) or beside the
output (its staging directories), after a success, a Ctrl-C, a SIGKILL or the run after one."""

from __future__ import annotations

import os
import pathlib
import random
import shutil
import signal
import subprocess
import time

import pytest

from tests.conftest import FIXTURES, TAGSCAN

INTERRUPTED = 20
SUCCESSFUL = 20
SEED = 20261202


def synth(models: pathlib.Path, out: pathlib.Path, tmp: pathlib.Path, *flags: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*TAGSCAN, "synth", str(models), "-o", str(out), *flags],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp)},
    )


def finished(running: subprocess.Popen[bytes]) -> tuple[int, str]:
    """The exit code and stderr (what an interrupted synth prints is tests/robustness/test_interrupt.py's subject)."""
    _, stderr = running.communicate(timeout=300)
    return running.returncode, stderr.decode()


@pytest.mark.slow
def test_interrupted_and_successful_synths_leave_nothing_behind(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(FIXTURES / "models", models)
    work, tmp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    tmp.mkdir()
    out = work / "cdk.out"
    rng = random.Random(SEED)
    for trial in range(INTERRUPTED):
        running = synth(models, out, tmp, "--force", "--tag", f"trial={trial}")
        time.sleep(rng.uniform(0.5, 6.0))  # before, while and after jsii's kernel starts
        running.send_signal(signal.SIGKILL if trial % 2 else signal.SIGINT)
        finished(running)
    for trial in range(SUCCESSFUL):
        # every fifth a full synth (jsii and all), the others find the assembly up to date
        code, stderr = finished(synth(models, out, tmp, *(["--force"] if trial % 5 == 4 else [])))
        assert code == 0, stderr
    assert os.listdir(work) == ["cdk.out"]
    assert os.listdir(tmp) == []


@pytest.mark.slow
def test_a_successful_synth_leaves_nothing_in_tmpdir(tmp_path):
    (tmp_path / "tmp").mkdir()
    assert finished(synth(FIXTURES / "models", tmp_path / "cdk.out", tmp_path / "tmp"))[0] == 0
    assert os.listdir(tmp_path / "tmp") == []
    assert sorted(os.listdir(tmp_path)) == ["cdk.out", "tmp"]
