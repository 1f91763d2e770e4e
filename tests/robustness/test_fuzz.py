"""Mutation fuzzing over the Go fixtures: whatever the bytes, tagscan answers with 0, 1 or 2.

Each case mutates one fixture file (truncate, flip bytes, delete or duplicate lines, insert
non-UTF-8 bytes, unbalanced braces and backquotes) with a fixed seed, so a failure names the
case that reproduces it. `scan` and `lint` run in-process (thousands of cases); `synth` runs
on a sample, since each synthesis starts the CDK.
"""

from __future__ import annotations

import json
import pathlib
import random
import shutil

import pytest
from typer.testing import CliRunner

from tagscan.cli.app import app
from tests.conftest import FIXTURES

CASES = 2000
SEED = 20261126


def source_files() -> list[pathlib.Path]:
    roots = [FIXTURES / "models", FIXTURES / "go", FIXTURES / "rules"]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.go"))


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.splitlines(keepends=True)
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    return b"".join(lines)


def insert_at_random(chunk: bytes):
    def mutate(data: bytes, rng: random.Random) -> bytes:
        at = rng.randrange(len(data) + 1)
        return data[:at] + chunk + data[at:]

    mutate.__name__ = f"insert_{chunk!r}"
    return mutate


MUTATIONS = [
    truncate,
    flip_bytes,
    delete_line,
    duplicate_line,
    insert_at_random(b"\xff\xfe\x80"),
    insert_at_random(b"\xc3"),
    insert_at_random(b"{"),
    insert_at_random(b"}"),
    insert_at_random(b"`"),
    insert_at_random(b'"'),
    insert_at_random(b"dynamorm:\"pk,index:"),
]


def make_cases(count: int, seed: int) -> list[tuple[int, pathlib.Path, str]]:
    rng = random.Random(seed)
    files = source_files()
    return [(i, rng.choice(files), rng.choice(MUTATIONS).__name__) for i in range(count)]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def mutated_tree(tmp: pathlib.Path, case: int, source: pathlib.Path, mutation_name: str) -> pathlib.Path:
    """Copy the fixture's package and apply the mutation to one file of it."""
    mutation = next(m for m in MUTATIONS if m.__name__ == mutation_name)
    tree = tmp / f"case{case}"
    shutil.copytree(source.parent, tree)
    for extra in source.parent.parent.glob("go.mod"):
        shutil.copy(extra, tmp / "go.mod")
    target = tree / source.name
    target.write_bytes(mutation(source.read_bytes(), random.Random(SEED + case)))
    return tree


def test_fixtures_exist():
    assert len(source_files()) >= 10


BATCHES = 20


# The fast loop (slow tests deselected) runs the first batch, a sample of every mutation; `make test` runs all.
@pytest.mark.parametrize("batch", [pytest.param(b, marks=[pytest.mark.slow] if b else []) for b in range(BATCHES)])
def test_scan_and_lint_survive_mutations(batch, tmp_path, runner):
    cases = make_cases(CASES, SEED)[batch::BATCHES]
    for case, source, mutation in cases:
        tree = mutated_tree(tmp_path, case, source, mutation)
        for command in ("scan", "lint"):
            result = runner.invoke(app, [command, str(tree), "--format", "json"])
            where = f"case {case}: {mutation} on {source.relative_to(FIXTURES)} ({command})"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{where} raised {result.exception!r}"
            )
            assert result.exit_code in (0, 1, 2), f"{where} exited {result.exit_code}"
            assert "Traceback" not in result.stderr, where
            if result.exit_code != 2:
                document = json.loads(result.stdout)
                if command == "lint":
                    crashed = [f["message"] for f in document["findings"] if f["rule"] == "TS003"]
                    assert crashed == [], f"{where}: {crashed}"
        shutil.rmtree(tree)


SYNTH_CASES = 8


@pytest.mark.slow  # a synth that passes lint starts Node (jsii)
def test_synth_survives_mutations(tmp_path, runner):
    """A sample, since a synthesis that passes lint starts the CDK: refusals and syntheses alike end 0, 1 or 2."""
    for case, source, mutation in make_cases(CASES, SEED)[:SYNTH_CASES]:
        tree = mutated_tree(tmp_path, case, source, mutation)
        out = tmp_path / f"out{case}"
        result = runner.invoke(app, ["synth", str(tree), "-o", str(out)])
        where = f"case {case}: {mutation} on {source.relative_to(FIXTURES)} (synth)"
        assert result.exception is None or isinstance(result.exception, SystemExit), f"{where} raised {result.exception!r}"
        assert result.exit_code in (0, 1, 2), f"{where} exited {result.exit_code}"
        assert "Traceback" not in result.stderr, where
        assert result.exit_code == 0 or not out.exists(), f"{where}: a refused synth wrote {out}"
