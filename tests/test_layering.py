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
            if node.module == "tagscan":  # `from tagscan import releases` imports tagscan.releases
                found.update(f"tagscan.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def project_imports(path: pathlib.Path, own: str) -> set[str]:
    """The project modules a module imports, outside its own package `own`."""
    return {m for m in imports_of(path) if m.split(".")[0] in ("tagscan", "cdk_bridge") and not m.startswith(own)}


def modules_under(package: str) -> list[pathlib.Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("module", ["model.py", "releases.py"])
def test_model_and_releases_import_nothing_from_the_project(module):
    project = {m for m in imports_of(ROOT / "tagscan" / module) if m.split(".")[0] in ("tagscan", "cdk_bridge")}
    assert project == set()


def test_the_table_shape_imports_only_the_ir():
    project = {m for m in imports_of(ROOT / "tagscan" / "table_shape.py") if m.split(".")[0] in ("tagscan", "cdk_bridge")}
    assert project == {"tagscan.model"}


@pytest.mark.parametrize("path", modules_under("cdk_bridge"), ids=lambda p: str(p.relative_to(ROOT)))
def test_cdk_bridge_uses_only_the_scanner_api_and_the_ir(path):
    allowed = {"tagscan", "tagscan.model", "tagscan.errors", "tagscan.table_shape"}
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


@pytest.mark.parametrize("path", modules_under("tagscan/scanner"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_scanner_imports_only_the_ir_the_releases_and_the_readers(path):
    allowed = {"tagscan.model", "tagscan.releases", "tagscan.errors", "tagscan.reading"}
    used = project_imports(path, "tagscan.scanner")
    assert used <= allowed, f"{path.name} imports {sorted(used - allowed)}"


@pytest.mark.parametrize(
    "path",
    [p for package in ("lint", "rules", "report", "against") for p in modules_under(f"tagscan/{package}")],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_lint_rules_reports_and_against_never_reach_for_the_scanner_or_the_cli(path):
    # they work on the IR the scanner built; rules never read files
    used = project_imports(path, "tagscan." + path.relative_to(ROOT / "tagscan").parts[0])
    assert not {m for m in used if m.startswith(("tagscan.scanner", "tagscan.cli", "cdk_bridge"))}, sorted(used)


def calls_that_print_or_exit(path: pathlib.Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("print", "exit", "sys.exit", "os._exit", "typer.Exit", "typer.echo"):
                found.append(f"{name} at line {node.lineno}")
    return found


ENTRY_POINTS = {ROOT / "tagscan" / "__main__.py", ROOT / "cdk_bridge" / "__main__.py"}


@pytest.mark.parametrize(
    "path",
    [p for p in modules_under("tagscan") + modules_under("cdk_bridge") if "cli" not in p.relative_to(ROOT).parts and p not in ENTRY_POINTS],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_cli_and_the_entry_points_print_or_exit(path):
    assert calls_that_print_or_exit(path) == []
