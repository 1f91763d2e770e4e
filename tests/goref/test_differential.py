"""tagscan reads every fixture tree exactly as Go's own parser does (issue 2, acceptance 5).

Each tree is read twice: by `tagscan.scanner.declarations` and by the Go reference program
(go/parser + reflect.StructTag). Structs, fields, type expressions, embedded flags, raw tags,
tag lookups and TableName return expressions must be identical; files Go rejects must get a
go-syntax-error (TS001) or, for bytes that are not UTF-8, unreadable-source (TS002) diagnostic
from the scanner, and no other file may.
"""

from __future__ import annotations

import pathlib

import pytest

from tagscan import scan
from tagscan.scanner import declarations
from tests.goref.goref_process import Goref, assert_same_declarations, assert_same_verdicts, parsed_by_go

pytestmark = pytest.mark.slow  # needs Go

FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "fixtures"


def _fixture_trees() -> list[pathlib.Path]:
    """fixtures/go/<case>/ (each kept differential case on its own), fixtures/models, fixtures/rules/<case>/."""
    trees: list[pathlib.Path] = []
    for case in sorted((FIXTURES / "go").glob("*/")):
        trees.extend(sorted(case.glob("*/")) if case.name == "differential" else [case])
    trees.extend(path for path in [FIXTURES / "models"] if path.is_dir())
    trees.extend(sorted((FIXTURES / "rules").glob("*/")))
    return [tree for tree in trees if any(tree.rglob("*.go"))]


FIXTURE_TREES = _fixture_trees()


# Kept cases the scanner does not agree with yet:
# (test, case) -> the difference. strict=True: once the scanner agrees, the entry must go.
NOT_YET_AGREED: dict[tuple[str, str], str] = {}


def _id(tree: pathlib.Path) -> str:
    return tree.relative_to(FIXTURES).as_posix()


def _trees(test: str) -> list[object]:
    """FIXTURE_TREES as parameters, the cases in NOT_YET_AGREED for `test` marked xfail."""
    params = []
    for tree in FIXTURE_TREES:
        reason = NOT_YET_AGREED.get((test, _id(tree)))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(tree, id=_id(tree), marks=marks))
    return params


@pytest.mark.parametrize("tree", _trees("declarations"))
def test_scanner_declarations_match_go_parser(goref: Goref, tree: pathlib.Path) -> None:
    assert_same_declarations(declarations(tree), goref.declarations(tree))


@pytest.mark.parametrize("tree", _trees("unparseable"))
def test_files_reported_unparseable_are_exactly_those_go_rejects(goref: Goref, tree: pathlib.Path) -> None:
    _, rejected = parsed_by_go(goref.declarations(tree))
    reported = {d.file for d in scan([tree]).diagnostics if d.rule in ("TS001", "TS002")}
    assert_same_verdicts(tree, reported, rejected)


def test_every_fixture_area_is_compared() -> None:
    # Guards the glob above: the scanner's own fixture cases must be part of the comparison.
    assert any(tree.parent == FIXTURES / "go" for tree in FIXTURE_TREES)
