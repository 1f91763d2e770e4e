"""Every shell example of the README marked `<!-- runnable -->` runs, as written, and succeeds."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

RUNNABLE = re.compile(r"<!-- runnable -->\n```sh\n(.*?)```", re.DOTALL)


def runnable_examples() -> list[str]:
    return RUNNABLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_runnable_examples():
    assert len(runnable_examples()) >= 3


@pytest.mark.slow  # the examples synthesize: Node (jsii)
def test_runnable_examples_succeed(tmp_path: pathlib.Path):
    # Run in a scratch directory that sees the repository's fixtures, so outputs land there.
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    env = {**os.environ, "PATH": f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for number, script in enumerate(runnable_examples(), start=1):
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=600,
        )
        assert done.returncode == 0, f"example {number} failed:\n{script}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
