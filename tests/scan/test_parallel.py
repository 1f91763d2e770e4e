"""Parallel scanning (`--jobs`) gives exactly the serial result (issue 7).

Shards take whole packages; fixtures/go/12-packages has packages that resolve each other's
types, a syntax error reached only through a lookup, and a note two shards both find.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from tagscan import scan
from tagscan.scanner import shards
from tagscan.scanner.files import discover
from tagscan.scanner.workspace import Workspace

FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "fixtures"
# Every directory of Go files under fixtures/, each scanned on its own, and the whole tree at once.
SCANNED = sorted({p.parent for p in FIXTURES.rglob("*.go")}) + [FIXTURES]


@pytest.mark.parametrize("root", SCANNED, ids=lambda p: str(p.relative_to(FIXTURES.parent)))
def test_parallel_scan_equals_serial_scan(root: pathlib.Path) -> None:
    serial = scan([root], jobs=1)
    for jobs in (2, 3):
        parallel = scan([root], jobs=jobs)
        assert parallel == serial, f"--jobs {jobs}"
        assert json.dumps(parallel.to_dict(), sort_keys=True) == json.dumps(serial.to_dict(), sort_keys=True)


def workspace_of(root: pathlib.Path) -> Workspace:
    discovery = discover([root], include_tests=False)
    workspace = Workspace(discovery.root, discovery.files, include_tests=False)
    workspace.read_scanned()
    return workspace


def test_packages_are_split_whole_and_balanced_by_model_bytes() -> None:
    workspace = workspace_of(FIXTURES)
    groups = shards.package_groups(workspace, 2)
    assert len(groups) == 2
    directories = [p.directory for group in groups for p in group]
    assert sorted(directories) == sorted(p.directory for p in workspace.scanned), "each package in one shard"
    assert all(group == sorted(group, key=lambda p: p.directory) for group in groups)
    loads = [sum(len(workspace.source(f) or b"") for p in group for f in p.files) for group in groups]
    assert min(loads) > 0.3 * max(loads)


def test_automatic_jobs_stay_serial_for_small_trees() -> None:
    assert len(shards.package_groups(workspace_of(FIXTURES), 0)) == 1


def test_more_jobs_than_packages_gives_one_shard_per_package() -> None:
    root = FIXTURES / "go" / "12-packages"
    assert [len(g) for g in shards.package_groups(workspace_of(root), 16)] == [1, 1, 1, 1]


class Probe:
    """A stand-in shard: the machinery is what is tested here."""

    def __init__(self, packages: list[object]) -> None:
        self.packages = packages

    def where(self) -> tuple[int, int]:
        return os.getpid(), len(self.packages)

    def fail_away_from(self, parent: int) -> None:
        if os.getpid() != parent:
            raise ValueError("boom in a shard")


def test_shards_run_in_their_own_processes() -> None:
    with shards.started([["a"], ["b", "c"], ["d"]], Probe) as running:  # type: ignore[list-item]
        answers = running.each("where")
    assert [count for _, count in answers] == [1, 2, 1]
    assert answers[0][0] == os.getpid()
    assert len({pid for pid, _ in answers}) == 3


def test_a_failing_shard_raises_with_its_traceback() -> None:
    with pytest.raises(shards.ShardError, match="boom in a shard"):
        with shards.started([["a"], ["b"]], Probe) as running:  # type: ignore[list-item]
            running.each("fail_away_from", os.getpid())


def test_cli_output_is_the_same_with_any_jobs() -> None:
    root = FIXTURES / "go" / "12-packages"
    outputs = {
        jobs: subprocess.run(
            [sys.executable, "-m", "tagscan", "scan", "--jobs", jobs, "--format", "json", str(root)],
            capture_output=True, check=False,
        )
        for jobs in ("1", "2", "4")
    }
    assert {o.returncode for o in outputs.values()} == {0}
    assert outputs["2"].stdout == outputs["1"].stdout == outputs["4"].stdout
    assert outputs["2"].stderr == outputs["1"].stderr
    assert b"shared/legacy.go:4:1: TS001" in outputs["1"].stderr
    assert outputs["1"].stderr.count(b"clock.Stamp is declared outside") == 1


def test_negative_jobs_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "tagscan", "scan", "--jobs", "-1", str(FIXTURES / "models")],
                          capture_output=True, check=False)
    assert done.returncode == 2
    assert b"--jobs" in done.stderr
