"""Fixtures of the synth tests: the real CLI, the real CDK CLI and a real dynalite on loopback.

CDK synths cost seconds each, so every synthesized assembly is session-scoped.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT

MODELS = FIXTURES / "models"
STACK = "DynamORMModels"
NPM_BIN = pathlib.Path(os.environ.get("TAGSCAN_NPM_PREFIX", ROOT / ".cache" / "npm")) / "node_modules" / ".bin"
VENV_BIN = pathlib.Path(sys.executable).parent


def npm_tool(name: str) -> pathlib.Path:
    """An npm tool installed by tests/setup/install-test-deps.sh; skip (fail under CI) without it."""
    tool = NPM_BIN / name
    if not tool.exists() or shutil.which("node") is None:
        message = f"{tool} (or node) is missing: run tests/setup/install-test-deps.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return tool


def run_tagscan(*args: str | os.PathLike[str], cwd: pathlib.Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `tagscan` command, as a user runs it."""
    return subprocess.run(
        [str(VENV_BIN / "tagscan"), *map(str, args)], capture_output=True, text=True, cwd=cwd or ROOT, check=False
    )


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


@pytest.fixture(scope="session")
def dynalite_endpoint() -> Iterator[str]:
    """A dynalite server (in memory) on a free 127.0.0.1 port, stopped after the session."""
    tool = npm_tool("dynalite")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        # Tables go ACTIVE at once: the real service's CREATING delay only slows the test.
        [str(tool), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for_port(port: int, server: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"dynalite exited with {server.returncode}: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"dynalite did not listen on 127.0.0.1:{port} within {timeout} s")
