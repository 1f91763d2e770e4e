"""Honest errors and exits: a user's mistake or the environment's refusal is one line naming what
and where, exit 2, never `internal error` nor a traceback."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, run_tagscan

MODEL = 'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk"`\n}\n'
AS_A_USER = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search") if os.geteuid() == 0 else ()
LONG_NAME = "a" * 300  # longer than a file name may be (255 bytes)


def tagscan(cwd: pathlib.Path, *args: str, prefix: tuple[str, ...] = (), timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1"}, timeout=timeout, prefix=prefix)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    return tmp_path


# --- item 14: user mistakes and environment failures ------------------------------------------------

STACK_IDENTITY = [
    (["--stack-name", "orders stack"], "stack-name 'orders stack': not valid; a stack name starts with a letter and holds at most 128 letters, digits and hyphens"),
    (["--account", "12345"], "account '12345': not valid; an AWS account id is 12 digits"),
    (["--region", "Europe"], "region 'Europe': not valid; an AWS region looks like us-east-1"),
]


@pytest.mark.parametrize(("flags", "message"), STACK_IDENTITY, ids=["stack name", "account", "region"])
def test_a_bad_stack_name_account_or_region_is_refused_before_the_cdk(project, flags, message):
    done = tagscan(project, "synth", "models", "-o", "cdk.out", *flags)
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: {message}\n"
    assert not (project / "cdk.out").exists()


def test_too_many_tables_for_one_stack_is_refused_by_lint_before_synth(tmp_path):
    done = tagscan(tmp_path, "synth", str(FIXTURES / "rules" / "TS406"), "-o", "cdk.out")
    assert done.returncode == 1
    assert "TS406" in done.stdout and "split the models into several stacks" in done.stdout
    assert not (tmp_path / "cdk.out").exists()


@pytest.mark.parametrize("args", [["scan", LONG_NAME], ["synth", "models", "-o", LONG_NAME], ["lint", "models", "--output", LONG_NAME]])
def test_a_name_too_long_is_said_in_one_line(project, args):
    done = tagscan(project, *args)
    assert done.returncode == 2
    assert done.stderr.endswith(f"{LONG_NAME}: File name too long\n") and done.stderr.count("\n") == 1


def test_permission_denied_on_a_path_is_said_in_one_line(project):
    (project / "models").chmod(0o600)  # readable list, no way through
    try:
        done = tagscan(project, "scan", "models/order.go", prefix=AS_A_USER)
    finally:
        (project / "models").chmod(0o755)
    assert done.returncode == 2
    assert done.stderr == "tagscan: error: models/order.go: Permission denied\n"


def test_no_space_left_is_said_in_one_line(project):
    done = tagscan(project, "lint", "models", "--output", "/dev/full")
    assert done.returncode == 2
    assert done.stderr == "tagscan: error: cannot write /dev/full: No space left on device\n"


def test_a_report_to_stdout_by_name_is_written_there(project):
    done = tagscan(project, "lint", "models", "--output", "/dev/stdout")
    assert done.returncode == 0 and done.stdout == "All checks passed.\n"


def test_a_configuration_that_is_not_utf8_names_its_line(project):
    (project / "tagscan.toml").write_bytes(b'# settings\nselect = ["TS2\xff"]\n')
    done = tagscan(project, "lint", "models")
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: {project / 'tagscan.toml'}:2: invalid TOML: not UTF-8 (byte 25)\n"


def test_a_control_character_in_a_yaml_template_names_its_line(project):
    (project / "deployed.yaml").write_text("Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Description: \"\x07\"\n")
    done = tagscan(project, "lint", "models", "--against", "deployed.yaml")
    assert done.returncode == 2
    assert done.stderr == "tagscan: error: deployed.yaml:4: not valid YAML: the character '\\x07' is not allowed\n"


def test_a_file_name_that_is_not_utf8_is_percent_encoded_in_sarif(project):
    name = os.fsencode(project / "models") + b"/item\xff.go"
    with open(name, "w") as handle:
        handle.write(MODEL.replace("Order", "Item").replace('"pk"', '"pk,unknownopt"'))
    done = tagscan(project, "lint", "models", "--format", "sarif")
    assert done.returncode == 1
    (result,) = json.loads(done.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "models/item%FF.go"


# --- item 15: a closed stdout or stderr -----------------------------------------------------------

TTL_MODEL = 'package app\n\nimport "time"\n\ntype Session struct {\n\tID string `dynamorm:"pk"`\n\tExpires time.Time `dynamorm:"ttl"`\n}\n'


def with_closed(fd: int, cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    """tagscan started with file descriptor `fd` closed, as `>&-` or `2>&-` leave it."""
    return run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1"}, preexec_fn=lambda: os.close(fd))


@pytest.mark.parametrize(("models", "code"), [(MODEL, 0), (TTL_MODEL, 1)], ids=["clean", "findings"])
@pytest.mark.parametrize("command", [["lint", "models"], ["lint", "models", "--format", "sarif"], ["scan", "models"]])
def test_a_closed_stdout_keeps_the_exit_code_and_prints_no_traceback(project, models, code, command):
    (project / "models" / "order.go").write_text(models)
    done = with_closed(1, project, *command)
    assert done.returncode == (code if command[0] == "lint" else 0)
    assert done.stderr == ""


def test_a_closed_stderr_keeps_the_exit_code_of_an_error(project):
    done = with_closed(2, project, "lint", "missing")
    assert done.returncode == 2 and done.stdout == ""



# --- item 17: `types --lang python` never shadows its own imports -----------------------------------

SHADOWING_MODELS = "package audit\n\n" + "".join(
    f'// {name} is a model whose name Python code also uses.\ntype {name} struct {{\n\tID string `dynamorm:"pk"`\n\tTags []string\n\tNote *string\n}}\n\n'
    for name in ("Any", "TypedDict", "NotRequired", "None", "Typing")
)


def test_python_types_named_like_the_typing_names_they_use_still_type_check(project):
    (project / "models" / "order.go").write_text(SHADOWING_MODELS)
    done = tagscan(project, "types", "models", "--lang", "python", "-o", "audit_types.py")
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(project / ".mypy"), "audit_types.py"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )
    assert checked.returncode == 0, checked.stdout
    probe = "import audit_types as t; print(sorted(t.__all__), sorted(t.TypedDict.__annotations__), sorted(t.Any.__annotations__))"
    shown = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=60)
    assert shown.stdout == "['Any', 'None_', 'NotRequired', 'TypedDict', 'Typing'] ['id', 'note', 'tags'] ['id', 'note', 'tags']\n", shown.stderr


# --- item 16: build constraints as `go build` applies them -----------------------------------------

PLATFORM_FILES = {
    "order.go": MODEL,
    "order_windows.go": MODEL.replace("Order", "WindowsOrder"),
    "cache_arm64.go": MODEL.replace("Order", "GravitonCache"),
    "desktop.go": "//go:build windows && !arm64\n\n" + MODEL.replace("Order", "DesktopSession"),
    "seed.go": "//go:build ignore\n\n// seed data, run with `go run seed.go`\n" + MODEL.replace("Order", "SeedRow"),
    "legacy.go": "// +build darwin\n\n" + MODEL.replace("Order", "LegacyRow"),
}


@pytest.mark.parametrize(("flags", "expected"), [
    ([], ["Order"]),
    (["--goos", "windows"], ["DesktopSession", "Order", "WindowsOrder"]),
    (["--goarch", "arm64"], ["GravitonCache", "Order"]),
    (["--goos", "darwin", "--goarch", "arm64"], ["GravitonCache", "LegacyRow", "Order"]),
])
def test_files_for_other_platforms_or_ignored_are_not_models(project, flags, expected):
    for name, text in PLATFORM_FILES.items():
        (project / "models" / name).write_text(text)
    done = tagscan(project, "scan", "models", "--format", "json", *flags)
    assert done.returncode == 0, done.stderr
    assert sorted(m["name"] for m in json.loads(done.stdout)["models"]) == expected


def test_the_platform_may_come_from_the_configuration(project):
    for name, text in PLATFORM_FILES.items():
        (project / "models" / name).write_text(text)
    (project / "tagscan.toml").write_text('goos = "windows"\n')
    done = tagscan(project, "lint", "models", "--format", "json", "--select", "TS201")
    assert done.returncode == 0, done.stderr
    (project / "models" / "order_windows.go").write_text(MODEL.replace("Order", "WindowsOrder").replace('"pk"', '"attr:id"'))
    done = tagscan(project, "lint", "models", "--format", "json", "--select", "TS201")
    assert [f["file"] for f in json.loads(done.stdout)["findings"]] == ["models/order_windows.go"]
    assert tagscan(project, "lint", "models", "--select", "TS201", "--goos", "linux").returncode == 0


def test_an_unknown_platform_is_an_input_error(project):
    done = tagscan(project, "scan", "models", "--goos", "window")
    assert done.returncode == 2 and done.stderr.startswith("tagscan: error: unknown GOOS 'window' (use one of aix, android")
