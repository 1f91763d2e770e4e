"""Every query file compiles against the pinned tree-sitter-go grammar."""

import importlib.resources

import pytest

from tagscan.scanner.parse import QUERY_NAMES, query


def test_query_names_match_the_files():
    files = {p.name[: -len(".scm")] for p in importlib.resources.files("tagscan.queries").iterdir() if p.name.endswith(".scm")}
    assert files == set(QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_compiles(name):
    assert query(name).pattern_count >= 1
