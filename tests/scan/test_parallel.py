"""Parallel scanning (`--jobs`) gives exactly the serial result (issue 7).

Shards take whole packages; fixtures/go/12-packages has packages that resolve each other's
types, a syntax error reached only through a lookup, and a note two shards both find.
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

from tagscan import scan
from tagscan.scanner import shards
from tagscan.scanner.files import discover
from tagscan.scanner.workspace import Workspace
from tests.conftest import FIXTURES, TAGSCAN, process_stats, run_tagscan

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
    """A stand-in shard: the machinery is what is tested here. Its candidates say which process
    it runs in and how many packages it has; it fails, in a forked process, where asked to."""

    def __init__(self, packages: list[object]) -> None:
        self.packages = packages

    def candidates(self) -> shards.Candidates:
        where = frozenset({(pathlib.Path(str(os.getpid())), str(len(self.packages)))})
        return shards.Candidates(declared=where, used=frozenset(), embedded=frozenset(), sites=(), import_paths={})

    def used_in_other_files(self, unused: dict[pathlib.Path, set[str]], import_paths: dict[str, pathlib.Path]) -> tuple:
        if os.getpid() != int(next(iter(unused)).name):
            raise ValueError("boom in a shard")
        return frozenset(), frozenset()

    def build(self, used: frozenset, embedders: dict, registered: dict) -> Iterator[shards.PackageScan]:
        for _ in self.packages:
            yield shards.PackageScan((), (), (), ())


def test_shards_run_in_their_own_processes_and_answer_each_step() -> None:
    with shards.started([["a"], ["b", "c"], ["d"]], Probe) as running:  # type: ignore[list-item]
        answers = [next(iter(c.declared)) for c in running.candidates()]
        assert len(running.build(frozenset(), {}, {})) == 4, "one PackageScan per package, from every shard"
    assert [int(count) for _, count in answers] == [1, 2, 1]
    assert answers[0][0] == pathlib.Path(str(os.getpid()))
    assert len({pid for pid, _ in answers}) == 3


def test_a_failing_shard_raises_with_its_traceback() -> None:
    with pytest.raises(shards.ShardError, match="boom in a shard"):
        with shards.started([["a"], ["b"]], Probe) as running:  # type: ignore[list-item]
            running.used_in_other_files({pathlib.Path(str(os.getpid())): set()}, {})


def test_cli_output_is_the_same_with_any_jobs() -> None:
    root = FIXTURES / "go" / "12-packages"
    outputs = {
        jobs: run_tagscan("scan", "--jobs", jobs, "--format", "json", root)
        for jobs in ("1", "2", "4")
    }
    assert {o.returncode for o in outputs.values()} == {0}
    assert outputs["2"].stdout == outputs["1"].stdout == outputs["4"].stdout
    assert outputs["2"].stderr == outputs["1"].stderr
    assert "shared/legacy.go:4:1: TS001" in outputs["1"].stderr
    assert outputs["1"].stderr.count("clock.Stamp is declared outside") == 1


def test_negative_jobs_is_a_usage_error() -> None:
    done = run_tagscan("scan", "--jobs", "-1", FIXTURES / "models")
    assert done.returncode == 2
    assert "--jobs" in done.stderr


def children_of(pid: int) -> set[int]:
    return {child for child, fields in process_stats() if int(fields[1]) == pid}


@pytest.mark.skipif(not pathlib.Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_stops_the_scan_and_every_shard(tmp_path: pathlib.Path) -> None:
    """Ctrl-C reaches the whole process group; the shards leave it to the parent, which stops them
    and exits 2 with one line, no traceback."""
    (tmp_path / "go.mod").write_text("module example.com/big\n\ngo 1.22\n")
    fields = "".join(f"\tField{k} string `dynamorm:\"attr:f{k}\" json:\"f{k}\"`\n" for k in range(40))
    for number in range(400):
        package = tmp_path / f"pkg{number % 8}"
        package.mkdir(exist_ok=True)
        structs = "".join(
            f"type M{number}x{m} struct {{\n\tID string `dynamorm:\"pk\"`\n{fields}}}\n\n"
            f"func (M{number}x{m}) TableName() string {{ return \"t{number}\" }}\n\n"
            for m in range(6)
        )
        (package / f"m{number}.go").write_text(f"package pkg{number % 8}\n\n{structs}")
    scan_process = subprocess.Popen(
        [*TAGSCAN, "scan", "--jobs", "2", "-q", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    shard_pids: set[int] = set()
    deadline = time.monotonic() + 60
    while not shard_pids and scan_process.poll() is None and time.monotonic() < deadline:
        shard_pids = children_of(scan_process.pid)
        time.sleep(0.01)
    assert shard_pids, "the scan forked no shard (or ended before one was seen)"
    os.killpg(scan_process.pid, signal.SIGINT)
    assert scan_process.wait(timeout=10) == 2
    stderr = scan_process.stderr.read().decode() if scan_process.stderr else ""
    assert stderr.strip() == "tagscan: error: interrupted"
    time.sleep(0.2)
    assert not any(pathlib.Path(f"/proc/{pid}").exists() for pid in shard_pids), "a shard outlived the scan"
