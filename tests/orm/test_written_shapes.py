"""`tagscan types` by release (issue 15, item 6): `[]byte` is B (a base64 string) from TableTheory
2.x and a list of numbers before; numeric and binary sets are arrays of numbers and base64 strings."""

from __future__ import annotations

from typer.testing import CliRunner

from tagscan.cli.app import app

BLOB = '''package files

// Blob is a stored file with its chunk sizes and checksums.
type Blob struct {
	ID      string   `theorydb:"pk"`
	Content []byte
	Sizes   []int64  `theorydb:"set"`
	Sums    [][]byte `theorydb:"set"`
}

func (Blob) TableName() string { return "blobs" }
'''


def typescript(tmp_path, *args: str) -> str:  # noqa: ANN001
    result = CliRunner().invoke(app, ["types", str(tmp_path), "--lang", "ts", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_bytes_and_sets_are_written_as_the_release_writes_them(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text("module example.com/files\nrequire github.com/theory-cloud/tabletheory/v3 v3.0.6\n")
    (tmp_path / "blob.go").write_text(BLOB)
    current = typescript(tmp_path)
    assert "/** B from Go Content []byte: base64 */\n  content?: string;" in current
    assert "/** NS from Go Sizes []int64: a set of numbers */\n  sizes?: number[];" in current
    assert "/** BS from Go Sums [][]byte: a set of base64 strings */\n  sums?: string[];" in current
    before = typescript(tmp_path, "--orm-version", "1.7")
    assert "/** L from Go Content []byte */\n  content?: number[];" in before
