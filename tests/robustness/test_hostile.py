"""Hostile inputs, each answered within 5 s of CPU (and a bounded wait) with the documented exit
code and at most one line on stderr: a 100k-blank-line go.mod, a billion-laughs YAML template, a
20k-resource JSON template, a manifest pointing at /dev/zero, at ../../etc/passwd and at a FIFO, a
symlink to / inside the tree, a 1,500-deep directory. Time is measured as the CPU the command used
(the machine may be shared); the wait is bounded by the subprocess timeout."""

from __future__ import annotations

import json
import os
import pathlib
import re
import resource
from collections.abc import Callable

import pytest

from tests.conftest import run_tagscan
from tests.robustness.test_linear import BILLION_LAUGHS, big_template, deep_tree, remove_deep_tree

MODEL = 'package app\n\ntype Order struct {\n\tCustomerID string `dynamorm:"pk"`\n}\n'
CPU_SECONDS = 5


def models(root: pathlib.Path) -> None:
    (root / "models").mkdir()
    (root / "models" / "order.go").write_text(MODEL)


def assembly_pointing_at(template_file: str) -> Callable[[pathlib.Path], None]:
    def build(root: pathlib.Path) -> None:
        models(root)
        (root / "cdk.out").mkdir()
        artifact = {"type": "aws:cloudformation:stack", "properties": {"templateFile": template_file}}
        (root / "cdk.out" / "manifest.json").write_text(json.dumps({"version": "36.0.0", "artifacts": {"Orders": artifact}}))
        if template_file == "Orders.template.json":
            os.mkfifo(root / "cdk.out" / template_file)

    return build


def blank_go_mod(root: pathlib.Path) -> None:
    models(root)
    blank = "\n" * 100_000
    (root / "go.mod").write_text(f"{blank}module example.com/orders\n{blank}require github.com/pay-theory/dynamorm v1.0.30\n{blank}")


def laughs(root: pathlib.Path) -> None:
    models(root)
    (root / "laughs.yaml").write_text(BILLION_LAUGHS)


def twenty_thousand_resources(root: pathlib.Path) -> None:
    models(root)
    (root / "tenants.json").write_text(big_template(20_000))


def link_to_root(root: pathlib.Path) -> None:
    (root / "models").mkdir()
    (root / "models" / "vendor-mirror").symlink_to("/")


def deep(root: pathlib.Path) -> None:
    (root / "models").mkdir()
    deep_tree(root / "models", 1500)


# (what, set-up, command, exit code, stderr: a regex for the whole of it)
HOSTILE = [
    ("go.mod with 100k blank lines", blank_go_mod, ["scan", "models", "--format", "json"], 0, ""),
    ("billion-laughs YAML", laughs, ["lint", "models", "--against", "laughs.yaml"], 2,
     r"tagscan: error: laughs.yaml: not a CloudFormation template \(its YAML aliases expand to [\d,]+ values\)\n"),
    ("20k-resource JSON template", twenty_thousand_resources, ["lint", "models", "--against", "tenants.json", "--format", "json"], 1, ""),
    ("manifest pointing at /dev/zero", assembly_pointing_at("/dev/zero"), ["lint", "models", "--against", "cdk.out"], 2,
     r"tagscan: error: cdk.out/manifest.json: artifact 'Orders': templateFile '/dev/zero' is not inside the cloud assembly\n"),
    ("manifest pointing at ../../etc/passwd", assembly_pointing_at("../../etc/passwd"), ["diff", "models", "--against", "cdk.out"], 2,
     r"tagscan: error: cdk.out/manifest.json: artifact 'Orders': templateFile '../../etc/passwd' is not inside the cloud assembly\n"),
    ("manifest pointing at a FIFO", assembly_pointing_at("Orders.template.json"), ["lint", "models", "--against", "cdk.out"], 2,
     r"tagscan: error: cdk.out/Orders.template.json: cannot read: not a regular file \(a FIFO\)\n"),
    ("symlink to / inside the tree", link_to_root, ["scan", "models"], 2, r"tagscan: error: no Go files found in models\n"),
    ("1,500-deep directory", deep, ["lint", "models"], 2, r"tagscan: error: models: directories nested more than 128 levels deep\n"),
]


@pytest.mark.parametrize(("build", "args", "code", "stderr"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_a_hostile_input_is_answered_in_seconds_in_one_line(tmp_path, build, args, code, stderr):
    build(tmp_path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run_tagscan(*args, cwd=tmp_path, env={"NO_COLOR": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if (tmp_path / "models" / "d").is_dir():
        remove_deep_tree(tmp_path / "models")
    assert done.returncode == code, done.stderr
    assert re.fullmatch(stderr, done.stderr), done.stderr
    assert cpu < CPU_SECONDS
