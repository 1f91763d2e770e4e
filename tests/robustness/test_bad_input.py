"""User mistakes, one row each, with the exact message the user gets: never a traceback."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

from tests.conftest import FIXTURES, run_tagscan

MODEL = 'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk"`\n}\n'


def tagscan(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1"})
    assert "Traceback" not in done.stderr, done.stderr
    return done


def write(root: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


# (what the user does, the files they have, the command, exit code, the exact stderr)
ERRORS = [
    ("missing path", {}, ["scan", "models"], "tagscan: error: models: no such file or directory\n"),
    ("not Go", {"notes.txt": "hi\n"}, ["scan", "notes.txt"], "tagscan: error: notes.txt: not a directory or a .go file\n"),
    ("no Go files", {"models/.keep": ""}, ["lint", "models"], "tagscan: error: no Go files found in models\n"),
    ("only non-Go files", {"models/a.py": "x = 1\n"}, ["scan", "models"], "tagscan: error: no Go files found in models\n"),
    (
        "config with an unknown key",
        {"m/a.go": MODEL, "m/tagscan.toml": "[tagscan]\n"},
        ["lint", "m"],
        None,  # checked below: the message names the file and the key
    ),
    (
        "--against a file that is not a template",
        {"m/a.go": MODEL, "deployed.json": '{"a": 1}\n'},
        ["lint", "m", "--against", "deployed.json"],
        "tagscan: error: deployed.json: not a CloudFormation template (no Resources)\n",
    ),
    (
        "output directory that is a file",
        {"m/a.go": MODEL, "cdk.out": "mine\n"},
        ["synth", "m", "-o", "cdk.out"],
        "tagscan: error: cdk.out exists and is not a directory\n",
    ),
    (
        "output directory that cannot be written",
        {"m/a.go": MODEL, "cdk.out": "mine\n"},
        ["synth", "m", "-o", "cdk.out/stack"],
        "tagscan: error: cannot write cdk.out/stack: Not a directory\n",
    ),
]


# found when the synth writes its output, after the CDK (Node, through jsii) has run
NEEDS_NODE = {"output directory that cannot be written"}


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [pytest.param(*e[1:], id=e[0], marks=[pytest.mark.slow] if e[0] in NEEDS_NODE else []) for e in ERRORS],
)
def test_mistakes_exit_2_with_one_clear_line(tmp_path, files, args, message):
    write(tmp_path, files)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    done = tagscan(tmp_path, *args)
    assert done.returncode == 2
    if message is None:
        assert done.stderr.startswith("tagscan: error: ") and "tagscan.toml" in done.stderr and "'tagscan'" in done.stderr
    else:
        assert done.stderr == message
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before  # nothing overwritten


def test_a_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "models.go")
    assert tagscan(tmp_path, "scan", "models.go").stderr == "tagscan: error: models.go: not a directory or a .go file\n"


def test_an_unreadable_file_is_a_diagnostic_and_the_rest_is_scanned(tmp_path):
    write(tmp_path, {"m/a.go": MODEL})
    (tmp_path / "m" / "b.go").symlink_to("gone.go")
    done = tagscan(tmp_path, "scan", "m")
    assert done.returncode == 0
    assert "b.go:1:1: TS002 error: cannot read file: No such file or directory" in done.stderr
    assert "Order" in done.stdout


def test_a_symlink_loop_is_followed_once(tmp_path):
    write(tmp_path, {"m/a.go": MODEL})
    (tmp_path / "m" / "self").symlink_to("..")
    done = tagscan(tmp_path, "scan", "m", "--format", "json")
    assert done.returncode == 0
    assert [m["name"] for m in json.loads(done.stdout)["models"]] == ["Order"]


def test_an_empty_table_name_is_the_orm_default(tmp_path):
    write(tmp_path, {"m/a.go": MODEL + '\nfunc (Order) TableName() string { return "" }\n'})
    (model,) = json.loads(tagscan(tmp_path, "scan", "m", "--format", "json").stdout)["models"]
    assert (model["table"]["source"], model["table"]["name"]) == ("default", "Orders")


def test_a_5_mb_file(tmp_path):
    # comments, cheap to parse (tests/scan/test_scan_api.py parses 5 MB of code); the model comes after them
    filler = "".join(f"// helper {i} of a generated file, kept for the record\n" for i in range(110_000))
    write(tmp_path, {"m/a.go": MODEL.replace("\ntype ", f"\n{filler}\ntype ", 1)})
    assert (tmp_path / "m" / "a.go").stat().st_size > 5_000_000
    done = tagscan(tmp_path, "scan", "m", "--format", "json")
    assert done.returncode == 0 and [m["name"] for m in json.loads(done.stdout)["models"]] == ["Order"]


def test_ten_thousand_fields_in_one_struct(tmp_path):
    fields = "".join(f'\tF{i} string `dynamorm:"attr:f{i}"`\n' for i in range(10_000))
    write(tmp_path, {"m/a.go": MODEL.replace("}\n", fields + "}\n")})
    done = tagscan(tmp_path, "lint", "m", "--format", "json")
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["findings"] == []


def test_nesting_200_levels_deep(tmp_path):
    nested = "int"
    for _ in range(200):
        nested = f"struct {{ X {nested} }}"
    write(tmp_path, {"m/a.go": MODEL.replace("}\n", f"\tNested {nested}\n}}\n")})
    done = tagscan(tmp_path, "lint", "m", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["findings"] == []


def test_the_example_models_are_not_touched_by_a_refused_synth(tmp_path):
    out = tmp_path / "cdk.out"
    out.mkdir()
    (out / "manifest.json").write_text("{}")  # an assembly: synth may replace it, once lint passes
    done = tagscan(tmp_path, "synth", str(FIXTURES / "rules" / "seed"), "-o", "cdk.out")
    assert done.returncode == 1  # the seed's time.Time TTL is an error: synth refuses
    assert [p.name for p in out.iterdir()] == ["manifest.json"]
