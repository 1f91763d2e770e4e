"""A client for the Go reference program in `-serve` mode: one process answers many trees."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any


def build_goref(go: str, cache: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """`go build` the reference program to `cache`/goref (its build cache beside it, offline). Builds go
    to a file of this process's and are renamed into place, so two processes never run a half-written one."""
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f"goref.{os.getpid()}"
    env = {**os.environ, "GOCACHE": str(cache / "go-build"), "GOPROXY": "off"}
    build = subprocess.run(
        [go, "build", "-o", str(partial), "."],
        cwd=pathlib.Path(__file__).resolve().parent, env=env, capture_output=True, text=True, timeout=300,
    )
    if build.returncode == 0:
        os.replace(partial, cache / "goref")
    return build


class Goref:
    """The reference program running in `-serve` mode: one process for many directories."""

    def __init__(self, binary: pathlib.Path) -> None:
        self._process = subprocess.Popen(
            [str(binary), "-serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def declarations(self, directory: pathlib.Path) -> list[dict[str, Any]]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{directory}\n")
        self._process.stdin.flush()
        answer = json.loads(self._process.stdout.readline())
        if isinstance(answer, dict):
            raise RuntimeError(f"goref failed on {directory}: {answer['error']}")
        return answer

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)


def parsed_by_go(go_declarations: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
    """Go's answer split into the files it parsed and the paths of those it rejected."""
    rejected = {entry["file"] for entry in go_declarations if "syntax_error" in entry}
    return [entry for entry in go_declarations if entry["file"] not in rejected], rejected


def as_go_json(value: Any) -> Any:
    """`value` with strings as Go's encoding/json writes them: bytes that are not UTF-8 (which
    Python keeps as surrogate escapes) become U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(value, list):
        return [as_go_json(item) for item in value]
    if isinstance(value, dict):
        return {key: as_go_json(item) for key, item in value.items()}
    return value


def assert_same_declarations(scanned: list[dict[str, Any]], go_declarations: list[dict[str, Any]]) -> None:
    """The scanner's declarations equal Go's on every file Go parses, compared file by file."""
    expected, rejected = parsed_by_go(go_declarations)
    actual = [as_go_json(entry) for entry in scanned if entry["file"] not in rejected]
    assert [entry["file"] for entry in actual] == [entry["file"] for entry in expected]
    for scanned_file, go_file in zip(actual, expected):
        difference = first_difference(scanned_file, go_file)
        assert difference is None, f"tagscan and go/parser disagree on {go_file['file']}: {difference}"


def first_difference(scanned: Any, go: Any, path: str = "") -> str | None:
    """Where two JSON values first differ, as `path: tagscan <value> != go <value>`."""
    if isinstance(scanned, dict) and isinstance(go, dict) and scanned.keys() == go.keys():
        children = ((scanned[key], go[key], f"{path}.{key}") for key in go)
    elif isinstance(scanned, list) and isinstance(go, list) and len(scanned) == len(go):
        children = ((a, b, f"{path}[{index}]") for index, (a, b) in enumerate(zip(scanned, go)))
    else:
        return None if scanned == go else f"{path or '.'}: tagscan {scanned!r} != go {go!r}"
    return next((found for child in children if (found := first_difference(*child)) is not None), None)


def assert_same_verdicts(root: pathlib.Path, reported: set[str], rejected: set[str]) -> None:
    """The files tagscan reports unparseable (TS001/TS002) against the files Go rejects.

    The scanner parses only files that can hold a model (a byte search for its markers) and reads
    the others only to resolve types, so it owes Go's verdict on those files alone; elsewhere it
    must never report a file Go accepts.
    """
    from tagscan.scanner.workspace import MODEL_MARKERS

    candidates = {
        name for name in reported | rejected
        if any(marker in (root / name).read_bytes() for marker in MODEL_MARKERS)
    }
    assert reported & candidates == rejected & candidates, "files that can hold a model"
    assert reported - candidates <= rejected, "a file Go accepts was reported unparseable"
