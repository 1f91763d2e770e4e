"""`tagscan scan` as a user runs it: stdout, stderr and exit code; in a real process where that is the subject."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES, TAGSCAN, run_tagscan


def test_json_is_the_only_thing_on_stdout_and_is_deterministic():
    first = run_tagscan("scan", FIXTURES / "go" / "02-tag-lookup", "--format", "json")
    second = run_tagscan("scan", FIXTURES / "go" / "02-tag-lookup", "--format", "json")
    assert first.returncode == 0
    data = json.loads(first.stdout)
    assert data["schema_version"] == 2
    assert first.stdout == second.stdout
    assert first.stdout == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    # diagnostics go to stderr, one line each, and do not change the exit code
    assert "lookup.go:12:14: TS101 error:" in first.stderr


def test_table_format_shows_name_source_keys_indexes_ttl_and_models(cli):
    result = cli("scan", FIXTURES / "models")
    assert result.exit_code == 0, result.stderr
    block = result.stdout.split("\n\n")[2]
    assert block.splitlines()[0] == "table RATELIMITTABLE_TABLE_NAME"
    assert "env RATELIMITTABLE_TABLE_NAME" in block
    assert "partition key: identifier (S" in block
    assert "sort key:      windowTime (S" in block
    assert "gsi-ip GSI: partition ipAddress (S), projection ALL" in block
    assert "ttl:           expiresAt" in block
    assert "RateLimitRecord (ratelimit.go:9" in block


def test_table_format_shows_literal_default_pattern_and_unresolved_sources(cli):
    out = cli("scan", FIXTURES / "go" / "08-table-names").stdout
    assert 'literal "literal-table"' in out
    assert 'default "Companies" (pluralised type name)' in out
    assert 'pattern "${STAGE}-units" (env STAGE)' in out
    assert 'unresolved: naming.ResourceNameFromEnv("units")' in out
    assert 'env USERS_TABLE_NAME, when unset "users"' in out


def test_input_errors_are_one_line_and_exit_2(tmp_path, cli):
    missing = cli("scan", tmp_path / "nope")
    assert missing.exit_code == 2
    assert missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [f"tagscan: error: {tmp_path / 'nope'}: no such file or directory"]
    empty = cli("scan", tmp_path)
    assert empty.exit_code == 2
    assert "no Go files found" in empty.stderr and "Traceback" not in empty.stderr


def test_options_reach_the_scanner(cli):
    tree = str(FIXTURES / "go" / "10-files")
    with_tests = json.loads(cli("scan", tree, "--format", "json", "--include-tests").stdout)
    assert [m["name"] for m in with_tests["models"]] == ["Kept", "FromTest"]
    snake = json.loads(cli("scan", FIXTURES / "models", "--format", "json", "--naming", "snake_case").stdout)
    assert snake["models"][0]["partition_key"]["attribute"] == "event_id"
    forced = json.loads(cli("scan", FIXTURES / "go" / "03-tag-keys", "--format", "json", "--tag-key", "theorydb").stdout)
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


def test_a_reader_that_goes_away_gets_what_was_written_and_no_complaint():
    """`tagscan scan ... | head`: the command exits 0 and says nothing about the closed pipe at exit."""
    process = subprocess.Popen(
        [*TAGSCAN, "scan", str(FIXTURES), "--format", "json", "--full"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b"{")
    process.stdout.close()  # the reader goes away long before the document ends
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Broken pipe" not in stderr and "BrokenPipe" not in stderr and "Exception ignored" not in stderr
