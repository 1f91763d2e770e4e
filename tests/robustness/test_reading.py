"""What a scan reads: everything it was given and nothing else. What it cannot read is reported,
what lies outside the input is not followed, and nothing read can make it wait."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import run_tagscan

MODEL = 'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk"`\n}\n'
ITEM = 'package items\n\ntype Item struct {\n\tID string `dynamorm:"pk"`\n}\n'
# root reads every directory whatever its mode: run tagscan without that power to see what a user sees
AS_A_USER = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search") if os.geteuid() == 0 else ()


def tagscan(cwd: pathlib.Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1"}, timeout=timeout, prefix=AS_A_USER)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def unreadable_package(tmp_path: pathlib.Path):
    (tmp_path / "models" / "items").mkdir(parents=True)
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "models" / "items" / "item.go").write_text(ITEM)
    (tmp_path / "models" / "items").chmod(0)
    yield tmp_path
    (tmp_path / "models" / "items").chmod(0o755)


def test_an_unreadable_directory_is_a_finding_not_a_clean_lint(unreadable_package):
    done = tagscan(unreadable_package, "lint", "models")
    assert done.returncode == 1
    assert "models/items:1:1: TS002 cannot read directory: Permission denied" in done.stdout
    assert "All checks passed" not in done.stdout


def test_synth_refuses_models_it_cannot_all_read(unreadable_package):
    done = tagscan(unreadable_package, "synth", "models", "-o", "cdk.out")
    assert done.returncode == 1
    assert "TS002" in done.stdout and "nothing was written" in done.stderr
    assert not (unreadable_package / "cdk.out").exists()


# --- cloud assemblies: every entry inside the assembly, only regular files read (item 4) ---------

TEMPLATE = {"Resources": {"OrdersTable": {"Type": "AWS::DynamoDB::Table", "Properties": {
    "TableName": "Orders", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]}}}}


def assembly(root: pathlib.Path, template_file: str, *, nested: str | None = None) -> pathlib.Path:
    """A cdk.out whose one stack's templateFile (or one nested assembly's directoryName) is given."""
    out = root / "cdk.out"
    out.mkdir(exist_ok=True)
    artifacts = {"Orders": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                            "properties": {"templateFile": template_file}}}
    if nested is not None:
        artifacts["Stage"] = {"type": "aws:cloud-assembly", "properties": {"directoryName": nested}}
    (out / "manifest.json").write_text(json.dumps({"version": "36.0.0", "artifacts": artifacts}))
    return out


@pytest.fixture
def models(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    return tmp_path


@pytest.mark.parametrize("template_file", ["../../../../../../etc/passwd", "/dev/zero", "/etc/passwd"])
def test_a_manifest_entry_outside_the_assembly_is_an_input_error(models, template_file):
    assembly(models, template_file)
    done = tagscan(models, "lint", "models", "--against", "cdk.out", timeout=10)
    assert done.returncode == 2
    assert done.stderr == (
        f"tagscan: error: cdk.out/manifest.json: artifact 'Orders': templateFile {template_file!r} "
        "is not inside the cloud assembly\n"
    )


def test_a_link_out_of_the_assembly_is_an_input_error(models):
    out = assembly(models, "Orders.template.json")
    (out / "Orders.template.json").symlink_to("/dev/zero")
    done = tagscan(models, "diff", "models", "--against", "cdk.out", timeout=10)
    assert done.returncode == 2
    assert "templateFile 'Orders.template.json' is not inside the cloud assembly" in done.stderr


@pytest.mark.parametrize("where", ["in an assembly", "named"])
def test_a_fifo_template_is_refused_not_waited_on(models, where):
    out = assembly(models, "Orders.template.json")
    os.mkfifo(out / "Orders.template.json")
    against = "cdk.out" if where == "in an assembly" else "cdk.out/Orders.template.json"
    done = tagscan(models, "lint", "models", "--against", against, timeout=10)
    assert done.returncode == 2
    assert done.stderr == "tagscan: error: cdk.out/Orders.template.json: cannot read: not a regular file (a FIFO)\n"


def test_a_nested_assembly_naming_itself_is_read_once(models):
    out = assembly(models, "Orders.template.json", nested=".")
    (out / "Orders.template.json").write_text(json.dumps(TEMPLATE))
    done = tagscan(models, "lint", "models", "--against", "cdk.out", "--format", "json", timeout=20)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["findings"] is not None


@pytest.mark.parametrize(("entry", "problem"), [("../../../../etc/passwd", "is not inside"), ("fifo", "is not a regular file")])
def test_a_synth_stamp_naming_what_is_not_its_file_is_an_input_error(models, entry, problem):
    from tagscan.cli.synth_output import STAMP

    out = models / "cdk.out"
    out.mkdir()
    os.mkfifo(out / "fifo")
    stamp = {"digest": "any", "files": {entry: "0" * 64}, "summary": ""}
    (out / STAMP).write_text(json.dumps(stamp))
    done = tagscan(models, "synth", "models", "-o", "cdk.out", timeout=20)
    assert done.returncode == 2
    assert done.stderr.startswith("tagscan: error: ") and problem in done.stderr and repr(entry) in done.stderr


# --- symlinked directories stay inside the scanned tree (item 5) ---------------------------------


def test_a_symlinked_directory_out_of_the_tree_is_not_followed(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "item.go").write_text(ITEM)
    (tmp_path / "models" / "shared").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "models" / "disk").symlink_to("/")
    done = tagscan(tmp_path, "scan", "models", "--format", "json", timeout=20)
    assert done.returncode == 0, done.stderr
    assert [m["name"] for m in json.loads(done.stdout)["models"]] == ["Order"]


def test_a_symlinked_directory_inside_the_tree_is_read_once(tmp_path):
    (tmp_path / "models" / "items").mkdir(parents=True)
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "models" / "items" / "item.go").write_text(ITEM)
    (tmp_path / "models" / "again").symlink_to("items")
    done = tagscan(tmp_path, "scan", "models", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert sorted(m["name"] for m in json.loads(done.stdout)["models"]) == ["Item", "Order"]


# --- configuration: found inside the project only, named, per path (item 6) ----------------------

TTL_MODEL = ('package app\n\nimport "time"\n\ntype Session struct {\n\tID string `dynamorm:"pk"`\n'
             '\tExpires time.Time `dynamorm:"ttl"`\n}\n')


@pytest.mark.parametrize("boundary", [".git", "go.mod"])
def test_the_configuration_search_stops_at_the_repository_root(tmp_path, boundary):
    from tagscan.config import find_config

    (tmp_path / "tagscan.toml").write_text('fail-on = "info"\n')  # above the project: not its own
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    if boundary == ".git":
        (project / ".git").mkdir()
    else:
        (project / "go.mod").write_text("module example.com/project\n\ngo 1.22\n")
    assert find_config(project / "models") is None
    (project / "pyproject.toml").write_text("[tool.tagscan]\nignore = []\n")
    assert find_config(project / "models") == project / "pyproject.toml"


def test_a_configuration_owned_by_another_user_is_ignored(tmp_path):
    from tagscan.config import find_config

    (tmp_path / "models").mkdir()
    (tmp_path / "tagscan.toml").write_text('fail-on = "info"\n')
    os.chown(tmp_path / "tagscan.toml", 54321, 54321)
    assert find_config(tmp_path / "models") is None
    os.chown(tmp_path / "tagscan.toml", os.getuid(), os.getgid())
    assert find_config(tmp_path / "models") == tmp_path / "tagscan.toml"


def test_a_broken_pyproject_without_a_tagscan_table_is_ignored(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'not ours'\n")
    assert tagscan(tmp_path, "lint", "models").returncode == 0
    (tmp_path / "pyproject.toml").write_text("[tool.tagscan\nselect = []\n")
    done = tagscan(tmp_path, "lint", "models")
    assert done.returncode == 2 and "pyproject.toml: invalid TOML" in done.stderr


def test_each_path_is_linted_under_its_own_configuration_which_is_named(tmp_path):
    for service in ("billing", "sessions"):
        (tmp_path / service / "models").mkdir(parents=True)
        (tmp_path / service / "models" / "session.go").write_text(TTL_MODEL)
    (tmp_path / "billing" / "tagscan.toml").write_text('ignore = ["TS208"]\n')
    args = ("lint", "billing/models", "sessions/models", "--verbose")
    done = tagscan(tmp_path, *args, "--format", "json")
    assert done.returncode == 1
    assert {f["file"] for f in json.loads(done.stdout)["findings"] if f["rule"] == "TS208"} == {"sessions/models/session.go"}
    assert json.loads(done.stdout)["configuration"] == ["billing/tagscan.toml"]
    assert done.stderr.splitlines() == [
        f"tagscan: configuration for billing/models: {tmp_path / 'billing' / 'tagscan.toml'}",
        "tagscan: configuration for sessions/models: none (the defaults)",
    ]
    sarif = json.loads(tagscan(tmp_path, *args, "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["configuration"] == ["billing/tagscan.toml"]


# --- control characters from the input never reach the terminal raw (item 7) ---------------------

ESCAPES = "\x1b]0;owned\x07\x1b[2J\r"
HOSTILE_MODEL = (
    'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk,' + ESCAPES + '"`\n}\n\n'
    'func (Order) TableName() string { return "Orders' + ESCAPES + '" }\n'
)
RAW_CONTROL = set(map(chr, [*range(0x00, 0x0A), *range(0x0B, 0x20), 0x7F]))


@pytest.mark.parametrize("command", [
    ["scan", "models"],
    ["lint", "models"],
    ["lint", "models", "--format", "github"],
])
def test_control_characters_of_the_input_are_escaped(tmp_path, command):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / f"order{ESCAPES}.go").write_text(HOSTILE_MODEL)
    done = tagscan(tmp_path, *command)
    assert done.returncode in (0, 1), done.stderr
    assert "Orders" in done.stdout + done.stderr
    assert not RAW_CONTROL & set(done.stdout + done.stderr)
    assert "\\x1b]0;owned\\x07" in done.stdout + done.stderr


# --- a file replaced by a FIFO between discovery and reading (item 12) ------------------------------

RACE = """
import os, sys
from pathlib import Path
from tagscan.scanner.assemble import Options, assemble
from tagscan.scanner.files import discover

models = Path(sys.argv[1])
found = discover([models], include_tests=False)
(models / "item.go").unlink()
os.mkfifo(models / "item.go")  # what a hostile process does after the walk, before the read
result = assemble(found, Options(naming=None, tag_key=None), include_tests=False)
print([m.name for m in result.models])
print([(d.file, d.rule, d.message) for d in result.diagnostics])
"""


def test_a_file_replaced_by_a_fifo_after_discovery_is_a_diagnostic_not_a_hang(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "models" / "item.go").write_text(ITEM.replace("package items", "package app"))
    done = subprocess.run([sys.executable, "-c", RACE, str(tmp_path / "models")], capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "['Order']",
        "[('item.go', 'TS002', 'cannot read file: not a regular file (a FIFO)')]",
    ]


def test_a_configuration_over_its_size_cap_is_refused_and_one_at_it_is_read(tmp_path):
    (tmp_path / "order.go").write_text(MODEL)
    config = tmp_path / "tagscan.toml"
    config.write_bytes(b"#" + b"x" * ((1 << 20) - 2) + b"\n")  # 1 MB exactly: read, as a comment
    done = tagscan(tmp_path, "lint", ".")
    assert done.returncode == 0 and "larger than" not in done.stderr, done.stderr
    config.write_bytes(b"#" + b"x" * (1 << 20) + b"\n")
    done = tagscan(tmp_path, "lint", ".")
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: {config}: cannot read: larger than 1 MB\n"
