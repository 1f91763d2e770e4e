"""Builds the Go reference program (tests/goref/main.go) once per test session and runs it.

The binary goes to .cache/goref (never committed). Without `go` the goref tests skip, except
under CI=true, where a missing Go means the test setup is broken and they fail.
"""

from __future__ import annotations

import os
import pathlib
import shutil
from collections.abc import Iterator

import pytest
from tests.goref.goref_process import Goref, build_goref

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
    build = build_goref(_go(), CACHE)
    if build.returncode != 0:
        pytest.fail(f"go build of tests/goref failed:\n{build.stderr}", pytrace=False)
    return CACHE / "goref"


@pytest.fixture(scope="session")
def goref(goref_binary: pathlib.Path) -> Iterator[Goref]:
    server = Goref(goref_binary)
    yield server
    server.close()
