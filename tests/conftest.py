"""Settings and tagscan runners shared by every test; area fixtures live in each tests/<area>/conftest.py."""

import functools
import os
import pathlib
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping

import pytest
import typer.testing

from tagscan.cli.app import app

# jsii prints an end-of-life banner for Node 20 on every CDK import; silence it at the source.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# The tagscan of the interpreter running the tests, whatever venv that is: for the tests that start
# and steer the process themselves (signals, a terminal, a reader that goes away).
TAGSCAN = (sys.executable, "-m", "tagscan")

# typer's CliRunner builds the click command from the app's signatures on every invoke (~30 ms, more than
# an in-process scan of a small tree takes); the app does not change within a run, so it is built once.
typer.testing._get_command = functools.cache(typer.testing._get_command)


def run_tagscan(
    *args: str | os.PathLike[str],
    cwd: pathlib.Path = ROOT,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    prefix: tuple[str, ...] = (),
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`tagscan ARGS` in a child process, as a user runs it; `env` is added to this process's environment,
    `prefix` runs before it (e.g. setpriv) and `preexec_fn` in the child before tagscan starts."""
    return subprocess.run(
        [*prefix, *TAGSCAN, *map(str, args)], cwd=cwd, env={**os.environ, **env} if env else None,
        capture_output=True, encoding="utf-8", timeout=timeout, preexec_fn=preexec_fn, check=False,
    )


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., typer.testing.Result]:
    """`tagscan ARGS` in this process, from the repository root or `cwd`: for what a command answers
    where the test is not about the process (its start, signals, streams, what it imports)."""
    runner = typer.testing.CliRunner()

    def invoke(*args: str | os.PathLike[str], cwd: pathlib.Path = ROOT) -> typer.testing.Result:
        monkeypatch.chdir(cwd)
        result = runner.invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a user would have seen a traceback
        return result

    return invoke


def pytest_ignore_collect(collection_path: pathlib.Path, config: pytest.Config) -> bool | None:
    """When slow tests are deselected, a module marked slow as a whole is not even imported: importing
    aws_cdk starts Node, and the fast loop needs none."""
    if "not slow" not in config.getoption("markexpr", "") or collection_path.suffix != ".py":
        return None
    lines = collection_path.read_text(encoding="utf-8").splitlines()
    return True if any(line.startswith("pytestmark = pytest.mark.slow") for line in lines) else None


def process_stats() -> Iterator[tuple[int, list[str]]]:
    """Every live process (Linux /proc): its pid and the fields of its stat after the command name
    (state, ppid, pgrp, session, ...)."""
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            yield int(stat.parent.name), stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
