"""Acceptance 1: the models against their own `tagscan synth` output report nothing, and plan no change."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, run_tagscan

pytestmark = pytest.mark.slow  # each synth starts Node (jsii)

MODELS = FIXTURES / "models"


@pytest.fixture(scope="module")
def assembly(tmp_path_factory):
    output = tmp_path_factory.mktemp("synth") / "cdk.out"
    done = run_tagscan("synth", MODELS, "-o", output)
    assert done.returncode == 0, done.stderr
    return output


def against_findings(*args) -> tuple[int, list[dict]]:
    done = run_tagscan("lint", MODELS, "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, [f for f in json.loads(done.stdout)["findings"] if f["rule"][2] in "78"]


def test_lint_against_its_own_synth_output_reports_nothing(assembly):
    code, findings = against_findings("--against", assembly)
    assert (code, findings) == (0, [])


def test_the_same_assembly_does_not_fit_models_read_with_other_naming(assembly):
    """The check above can fail: with verbatim names the synthesized camelCase keys no longer match."""
    code, findings = against_findings("--against", assembly, "--naming", "verbatim")
    assert code == 1
    assert {"TS703", "TS705", "TS706", "TS802"} <= {f["rule"] for f in findings}
    assert all("matched by ModelName tag" in f["message"] for f in findings)


def test_diff_against_its_own_synth_output_plans_no_change(assembly):
    done = run_tagscan("diff", MODELS, "--against", assembly, "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert [(t["table"], t["action"]) for t in plan["tables"]] == [
        ("EventTable23755758", "unchanged"),
        ("IdempotencyTableE9369C9C", "unchanged"),
        ("RateLimitTableD918970D", "unchanged"),
    ]
