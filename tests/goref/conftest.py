"""Builds the Go reference program (tests/goref/main.go) once per test session and runs it.

The binary goes to .cache/goref (never committed). Without `go` the goref tests skip, except
under CI=true, where a missing Go means the test setup is broken and they fail.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from tests.goref.goref_process import Goref

GOREF_SOURCE = pathlib.Path(__file__).resolve().parent
REPO = GOREF_SOURCE.parent.parent
CACHE = REPO / ".cache" / "goref"


def _go() -> str:
    go = shutil.which("go")
    if go is None:
        message = "`go` is not on PATH: run tests/setup/install-test-deps.sh (Debian's golang-go)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return go


@pytest.fixture(scope="session")
def goref_binary() -> pathlib.Path:
    go = _go()
    CACHE.mkdir(parents=True, exist_ok=True)
    binary = CACHE / "goref"
    # Each xdist worker builds to its own file and renames it into place, so two workers
    # never run a half-written binary.
    partial = CACHE / f"goref.{os.getpid()}"
    env = {**os.environ, "GOCACHE": str(CACHE / "go-build"), "GOPROXY": "off"}
    build = subprocess.run(
        [go, "build", "-o", str(partial), "."],
        cwd=GOREF_SOURCE, env=env, capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"go build of tests/goref failed:\n{build.stderr}", pytrace=False)
    os.replace(partial, binary)
    return binary


@pytest.fixture(scope="session")
def goref(goref_binary: pathlib.Path) -> Iterator[Goref]:
    server = Goref(goref_binary)
    yield server
    server.close()
