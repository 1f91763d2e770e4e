"""tagscan reads generated Go trees exactly as Go's own parser does (issue 7, differential part).

Hypothesis draws 500 valid trees and 300 damaged ones per run, with a fixed seed
(`derandomize=True`) so a failure reproduces; one Go reference process answers all of them.
"""

from __future__ import annotations

import pathlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tagscan import scan
from tagscan.scanner import declarations
from tests.goref.gen_go import GoTree, broken_go_trees, go_trees
from tests.goref.goref_process import Goref, assert_same_declarations, assert_same_verdicts, parsed_by_go

pytestmark = pytest.mark.slow  # needs Go

GENERATED = settings(
    max_examples=500,
    derandomize=True,
    deadline=None,
    database=None,
    # No shrinking: on a busy 2-core machine it takes minutes. The failure names the first
    # difference; its minimal form is kept by hand under fixtures/go/differential/.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def written(goref: Goref, tree: GoTree) -> Iterator[tuple[pathlib.Path, list[dict[str, Any]]]]:
    """The tree written to a temporary directory, and what Go's parser declares in it."""
    with tempfile.TemporaryDirectory() as directory:
        root = pathlib.Path(directory)
        tree.write(root)
        yield root, goref.declarations(root)


@GENERATED
@given(tree=go_trees())
def test_scanner_reads_generated_trees_like_go(goref: Goref, tree: GoTree) -> None:
    with written(goref, tree) as (root, go_declarations):
        rejected = [entry for entry in go_declarations if "syntax_error" in entry]
        assert not rejected, f"the generator wrote invalid Go: {rejected}"
        assert_same_declarations(declarations(root), go_declarations)
        result = scan([root])
    unparseable = [d for d in result.diagnostics if d.rule in ("TS001", "TS002")]
    assert not unparseable, "Go parses every file"
    models = {model.name: model.table for model in result.models}
    for name, expected in tree.tables.items():
        assert name in models, f"{name} has a pk and a TableName method but is not a model"
        table = models[name]
        assert (table.source, table.env, table.name, table.envs, table.pattern) == (
            expected.source, expected.env, expected.name, expected.envs, expected.pattern), name


@settings(GENERATED, max_examples=300)
@given(tree=broken_go_trees())
def test_scanner_rejects_damaged_files_like_go(goref: Goref, tree: GoTree) -> None:
    with written(goref, tree) as (root, go_declarations):
        _, rejected = parsed_by_go(go_declarations)
        reported = {d.file for d in scan([root]).diagnostics if d.rule in ("TS001", "TS002")}
        assert_same_verdicts(root, reported, rejected)
        assert_same_declarations(declarations(root), go_declarations)
