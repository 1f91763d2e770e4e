"""`tagscan scan` as a user runs it: a real process, its stdout, stderr and exit code."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "fixtures"


def run(*args: str, cwd: pathlib.Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tagscan", "scan", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd,
    )


def test_json_is_the_only_thing_on_stdout_and_is_deterministic():
    first = run(str(FIXTURES / "go" / "02-tag-lookup"), "--format", "json")
    second = run(str(FIXTURES / "go" / "02-tag-lookup"), "--format", "json")
    assert first.returncode == 0
    data = json.loads(first.stdout)
    assert data["schema_version"] == 1
    assert first.stdout == second.stdout
    assert first.stdout == json.dumps(data, sort_keys=True, indent=2) + "\n"
    # diagnostics go to stderr, one line each, and do not change the exit code
    assert "lookup.go:12:14: TS101 error:" in first.stderr


def test_table_format_shows_name_source_keys_indexes_ttl_and_models():
    result = run(str(FIXTURES / "models"))
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("\n\n")[2]
    assert block.splitlines()[0] == "table RATELIMITTABLE_TABLE_NAME"
    assert "env RATELIMITTABLE_TABLE_NAME" in block
    assert "partition key: identifier (S" in block
    assert "sort key:      windowTime (S" in block
    assert "gsi-ip GSI: partition ipAddress (S), projection ALL" in block
    assert "ttl:           expiresAt" in block
    assert "RateLimitRecord (ratelimit.go:9" in block


def test_table_format_shows_literal_default_pattern_and_unresolved_sources():
    out = run(str(FIXTURES / "go" / "08-table-names")).stdout
    assert 'literal "literal-table"' in out
    assert 'default "Companies" (pluralised type name)' in out
    assert 'pattern "${STAGE}-units" (env STAGE)' in out
    assert 'unresolved: naming.ResourceNameFromEnv("units")' in out
    assert 'env USERS_TABLE_NAME, when unset "users"' in out


def test_input_errors_are_one_line_and_exit_2(tmp_path):
    missing = run(str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [f"tagscan: error: {tmp_path / 'nope'}: no such file or directory"]
    empty = run(str(tmp_path))
    assert empty.returncode == 2
    assert "no Go files found" in empty.stderr and "Traceback" not in empty.stderr


def test_options_reach_the_scanner():
    tree = str(FIXTURES / "go" / "10-files")
    with_tests = json.loads(run(tree, "--format", "json", "--include-tests").stdout)
    assert [m["name"] for m in with_tests["models"]] == ["Kept", "FromTest"]
    snake = json.loads(run(str(FIXTURES / "models"), "--format", "json", "--naming", "snake_case").stdout)
    assert snake["models"][0]["partition_key"]["attribute"] == "event_id"
    forced = json.loads(run(str(FIXTURES / "go" / "03-tag-keys"), "--format", "json", "--tag-key", "theorydb").stdout)
    assert {m["tag_key"] for m in forced["models"]} == {"theorydb"}


def test_scan_does_not_import_aws_cdk():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from tagscan.cli import app\n"
        f"result = CliRunner().invoke(app, ['scan', {str(FIXTURES / 'models')!r}, '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aws_cdk', 'jsii', 'constructs')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
