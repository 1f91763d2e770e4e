"""The architecture's import rules (docs/architecture.md), checked on the source itself."""

import ast
import json
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT


def imports_of(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules_under(package: str) -> list[pathlib.Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("module", ["model.py", "releases.py"])
def test_model_and_releases_import_nothing_from_the_project(module):
    project = {m for m in imports_of(ROOT / "tagscan" / module) if m.split(".")[0] in ("tagscan", "cdk_bridge")}
    assert project == set()


@pytest.mark.parametrize("path", modules_under("cdk_bridge"), ids=lambda p: str(p.relative_to(ROOT)))
def test_cdk_bridge_uses_only_the_scanner_api_and_the_ir(path):
    allowed = {"tagscan", "tagscan.model", "tagscan.errors"}
    used = {m for m in imports_of(path) if m.split(".")[0] == "tagscan"}
    assert used <= allowed, f"{path.name} imports {sorted(used - allowed)}"


@pytest.mark.parametrize(
    "path",
    [p for p in modules_under("tagscan") if "cli" not in p.relative_to(ROOT).parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_cli_reaches_for_the_cdk(path):
    assert not {m for m in imports_of(path) if m.split(".")[0] in ("aws_cdk", "cdk_bridge")}


@pytest.mark.parametrize("command", ["scan", "lint"])
def test_scan_and_lint_never_load_aws_cdk(command):
    probe = (
        "import sys, json\n"
        "from tagscan.cli import app  # what tagscan.__main__ runs; it ends the process at once after\n"
        f"sys.argv = ['tagscan', '{command}', {str(FIXTURES / 'models')!r}, '--format', 'json']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('aws_cdk', 'jsii', 'cdk_bridge'))\n"
        "print(json.dumps(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert loaded == []
