"""cfn-lint finds no error in the synthesized templates of fixtures/models and of every scan
fixture (fixtures/go/<case>) that has no lint errors."""

from __future__ import annotations

import pathlib
import subprocess

import aws_cdk as cdk
import pytest

import tagscan
from cdk_bridge import DynamORMModelsStack
from cdk_bridge.spec import table_specs
from tagscan.lint.engine import run
from tagscan.errors import InputError
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES
from tests.synth.conftest import VENV_BIN, Synthesized

pytestmark = pytest.mark.slow  # each synth starts Node (jsii)

CFN_LINT_ERROR = 2  # cfn-lint's exit code is a bitmask: 2 errors, 4 warnings, 8 informational


def clean_scan_fixtures() -> list[pathlib.Path]:
    """The scan fixtures the synth would accept: with tables, without lint errors, and no table
    synth refuses (a table name formatted at run time, for one)."""
    clean = []
    for case in sorted(p for p in (FIXTURES / "go").iterdir() if p.is_dir()):
        scan = tagscan.scan(case)
        findings = run(LintContext(scan=scan), ALL_RULES).findings
        if scan.tables and not any(f.severity == "error" for f in findings) and synth_accepts(scan):
            clean.append(case)
    return clean


def synth_accepts(scan: tagscan.ScanResult) -> bool:
    try:
        table_specs(scan)
    except InputError:
        return False
    return True


@pytest.fixture(scope="module")
def scan_fixture_templates(tmp_path_factory: pytest.TempPathFactory) -> list[pathlib.Path]:
    cases = clean_scan_fixtures()
    outdir = tmp_path_factory.mktemp("cfn-lint")
    app = cdk.App(outdir=str(outdir))
    for case in cases:
        DynamORMModelsStack(app, "Case" + "".join(ch for ch in case.name if ch.isalnum()), models=case)
    app.synth()
    return sorted(outdir.glob("*.template.json"))


def cfn_lint(templates: list[pathlib.Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "cfn-lint"), *map(str, templates)], capture_output=True, text=True, check=False
    )


def test_the_fixture_models_template_has_no_cfn_lint_error(fixture_assembly: Synthesized) -> None:
    done = cfn_lint([fixture_assembly.template_path])
    assert not done.returncode & CFN_LINT_ERROR, done.stdout + done.stderr


def test_templates_of_clean_scan_fixtures_have_no_cfn_lint_error(scan_fixture_templates: list[pathlib.Path]) -> None:
    assert scan_fixture_templates, "no scan fixture without lint errors: nothing was checked"
    done = cfn_lint(scan_fixture_templates)
    assert not done.returncode & CFN_LINT_ERROR, done.stdout + done.stderr
