"""Fixtures of the users-area tests: the npm tools they drive, and the CLI runner."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT


def npm_tool(name: str) -> pathlib.Path:
    """A binary installed by tests/setup/install-test-deps.sh into $TAGSCAN_NPM_PREFIX."""
    prefix = pathlib.Path(os.environ.get("TAGSCAN_NPM_PREFIX", ROOT / ".cache" / "npm"))
    path = prefix / "node_modules" / ".bin" / name
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make test-deps` (tests/setup/install-test-deps.sh)")
    return path


def run(args: list[str | os.PathLike[str]], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=180, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()
