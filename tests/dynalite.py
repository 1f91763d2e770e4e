"""What the end-to-end tests of several areas share: the npm tools of tests/setup/install-test-deps.sh
and a real dynalite server on loopback. Conftests import the fixture to use it."""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT

NPM_BIN = pathlib.Path(os.environ.get("TAGSCAN_NPM_PREFIX", ROOT / ".cache" / "npm")) / "node_modules" / ".bin"


def npm_tool(name: str) -> pathlib.Path:
    """An npm tool installed by tests/setup/install-test-deps.sh; skip (fail under CI) without it."""
    tool = NPM_BIN / name
    if not tool.exists() or shutil.which("node") is None:
        message = f"{tool} (or node) is missing: run tests/setup/install-test-deps.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return tool


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
