"""`tagscan lint` end to end: real scanner, real rules, each format, options, config, exit codes."""

from __future__ import annotations

import json
import os
import pty
import subprocess

import jsonschema
import pytest

from tagscan.cli.app import app
from tests.conftest import FIXTURES, ROOT, TAGSCAN

SESSION = "models/session.go"


@pytest.fixture
def lint(runner, bad_models, monkeypatch):
    """Run `tagscan lint ARGS` in the directory that holds the bad models."""
    monkeypatch.chdir(bad_models.parent)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return lambda *args: runner.invoke(app, ["lint", *args])


def findings(result) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def test_bundled_models_pass(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["lint", "fixtures/models", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    assert runner.invoke(app, ["lint", "fixtures/models"]).stdout == "All checks passed.\n"


def test_text_report_and_exit_1_on_an_error(lint):
    result = lint("models")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{SESSION}:7:2: TS208 field validation failed: invalid struct tag: ttl field must be")
    assert lines[2] == "7 |     ExpiresAt time.Time `dynamorm:\"ttl\"`"
    assert lines[3] == "  |     ^ error: invalid-ttl-type"
    assert any(line.startswith(f"{SESSION}:9:2: TS301 ") for line in lines)
    assert lines[-1] == "Found 1 error, 1 warning, 0 info."
    assert "\x1b[" not in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["--ignore", "TS208"], 0),  # only a warning left, and --fail-on defaults to error
        (["--ignore", "TS208", "--fail-on", "warning"], 1),
        (["--ignore", "TS208,TS301", "--fail-on", "info"], 0),
        (["--select", "TS3"], 0),
    ],
)
def test_fail_on_threshold(lint, args, exit_code):
    assert lint("models", *args).exit_code == exit_code


def test_select_and_ignore_take_comma_lists_and_repeat(lint):
    assert findings(lint("models", "-f", "json", "--select", "TS2,TS3", "--ignore", "TS301")) == [("TS208", 7)]
    assert findings(lint("models", "-f", "json", "--select", "TS208", "--select", "duplicate-attribute-name")) == [
        ("TS208", 7), ("TS301", 9),
    ]


def test_suppression_in_the_source_silences_the_finding(lint, bad_models):
    source = bad_models / "session.go"
    source.write_text(
        source.read_text().replace('`dynamorm:"ttl"`', '`dynamorm:"ttl"` //tagscan:ignore TS208 migrating in PR 12')
    )
    result = lint("models", "-f", "json")
    assert findings(result) == [("TS301", 9)]
    assert json.loads(result.stdout)["summary"]["suppressed"] == 1


def test_sarif_output_validates(lint):
    result = lint("models", "--format", "sarif")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # the document alone on stdout
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(document)
    driver = document["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["TS208", "TS301"]
    assert "## What it does" in driver["rules"][0]["help"]["text"]
    assert document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SESSION


def test_github_annotations(lint):
    lines = lint("models", "--format", "github").stdout.splitlines()
    assert lines[0].startswith(f"::error file={SESSION},line=7,col=2,title=TS208 invalid-ttl-type::field validation")
    assert lines[1].startswith(f"::warning file={SESSION},line=9,col=2,title=TS301 duplicate-attribute-name::")
    assert len(lines) == 2


def test_output_file_gets_the_report_and_stdout_stays_empty(lint, bad_models):
    target = bad_models.parent / "out" / "report.json"
    target.parent.mkdir()
    result = lint("models", "-f", "json", "--output", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert [f["rule"] for f in json.loads(target.read_text())["findings"]] == ["TS208", "TS301"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]  # no temporary left behind


def test_config_file_is_found_upward_and_the_command_line_overrides_it(lint, bad_models):
    (bad_models.parent / "tagscan.toml").write_text('ignore = ["TS208"]\nfail-on = "warning"\n')
    assert (result := lint("models", "-f", "json")).exit_code == 1 and findings(result) == [("TS301", 9)]
    assert lint("models", "--fail-on", "error").exit_code == 0
    assert findings(lint("models", "-f", "json", "--select", "TS2")) == [("TS208", 7)]


@pytest.mark.parametrize("pattern", ["models/session.go", "session.go", "models", "*.go"])
def test_exclude_from_the_configuration(lint, bad_models, pattern):
    (bad_models.parent / "pyproject.toml").write_text(f'[tool.tagscan]\nexclude = ["{pattern}"]\n')
    result = lint("models", "-f", "json")
    assert result.exit_code == 0 and findings(result) == []


def test_explicit_config_and_severity_overrides(lint, bad_models):
    config = bad_models.parent / "strict.toml"
    config.write_text('[severity]\nduplicate-attribute-name = "error"\n')
    result = lint("models", "-f", "json", "--config", str(config), "--ignore", "TS208")
    assert result.exit_code == 1
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error"]


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (["--select", "TS2O8"], None, "tagscan: error: --select/--ignore: unknown rule selector 'TS2O8'; did you mean 'TS208'?"),
        ([], "selct = []\n", "tagscan.toml: unknown key 'selct'; did you mean 'select'?"),
        ([], "fail-on = 3\n", "tagscan.toml: fail-on: must be a string, not an integer"),
        ([], "[severity]\nTS99 = 'error'\n", "tagscan.toml: severity: unknown rule selector 'TS99'"),
        (["--against", "missing.json"], None, "tagscan: error: missing.json"),
        (["--format", "xml"], None, "Invalid value for '--format'"),
    ],
)
def test_usage_and_config_errors_exit_2_without_traceback(lint, bad_models, args, config, message):
    if config:
        (bad_models.parent / "tagscan.toml").write_text(config)
    result = lint("models", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_path_exits_2(lint):
    result = lint("nowhere")
    assert result.exit_code == 2 and result.stderr.startswith("tagscan: error: ")


def _run_on_terminal(args: list[str], cwd, env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    process = subprocess.run(
        [*TAGSCAN, *args], cwd=cwd, stdout=follower, stderr=subprocess.PIPE,
        env=env, timeout=60, check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.returncode == 1 and not process.stderr, process.stderr
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(bad_models):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[1;31mTS208\x1b[0m" in _run_on_terminal(["lint", "models"], bad_models.parent, env)
    assert "\x1b[" not in _run_on_terminal(["lint", "models"], bad_models.parent, {**env, "NO_COLOR": "1"})


def test_a_crashing_rule_is_a_ts003_finding_not_a_traceback(lint, monkeypatch):
    import tagscan.rules
    from tests.lint.conftest import make_rule

    crashing = make_rule("TS999", "always-crashes", crash=True)
    monkeypatch.setattr(tagscan.rules, "ALL_RULES", (*tagscan.rules.ALL_RULES, crashing))
    result = lint("models", "--ignore", "TS2,TS3")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stdout.splitlines()[0] == "models:1:1: TS003 rule TS999 (always-crashes) crashed: KeyError: 'boom'"


def test_sarif_over_every_go_fixture_and_every_rule_validates(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "all.sarif"
    result = runner.invoke(app, ["lint", "fixtures/go", "--select", "ALL", "-f", "sarif", "-o", str(target)])
    assert result.exit_code == 1, result.stderr  # the fixtures hold deliberate mistakes
    document = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {r["id"] for r in run["tool"]["driver"]["rules"]}
