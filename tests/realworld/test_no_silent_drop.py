"""Acceptance 4 of issue 14: every struct with ORM tags in the fixtures is a model, or a diagnostic
says why not (TS007), or its file could not be read (TS001/TS002)."""

from __future__ import annotations

import pytest

import tagscan
from tagscan.scanner import declarations
from tests.conftest import FIXTURES

TREES = sorted(
    [p for p in (FIXTURES / "go").iterdir() if p.is_dir() and p.name[:2].isdigit()]
    + [p for p in (FIXTURES / "rules").iterdir() if p.is_dir()]
    + [FIXTURES / "models", FIXTURES / "against" / "shop"]
)


def tagged_structs(tree):
    """(file, line, name) of every struct declaring a field with a dynamorm or theorydb tag."""
    for entry in declarations(tree):
        for struct in entry["structs"]:
            if any(lookup["ok"] for field in struct["fields"] for lookup in field["lookups"].values()):
                yield entry["file"], struct["line"], struct["name"]


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_no_tagged_struct_disappears_without_a_diagnostic(tree):
    scan = tagscan.scan(tree)
    models = {(m.file, m.name) for m in scan.models}
    explained = {(d.file, d.line) for d in scan.diagnostics if d.rule == "TS007"}
    unreadable = {d.file for d in scan.diagnostics if d.rule in ("TS001", "TS002")}
    dropped = [
        f"{file}:{line} {name}"
        for file, line, name in tagged_structs(tree)
        if (file, name) not in models and (file, line) not in explained and file not in unreadable
    ]
    assert dropped == []
