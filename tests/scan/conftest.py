"""Fixtures of the scanner tests: small Go trees written to a temp dir."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

import pytest

GO_MOD = "module example.com/app\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm v1.3.0\n"


@pytest.fixture
def go_tree(tmp_path: pathlib.Path) -> Callable[[dict[str, str | bytes]], pathlib.Path]:
    """Write {relative path: content} under a fresh root (with a go.mod unless given) and return it."""

    def write(files: dict[str, str | bytes]) -> pathlib.Path:
        root = tmp_path / "tree"
        contents = {"go.mod": GO_MOD, **files}
        for relative, content in contents.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content)
        return root

    return write
