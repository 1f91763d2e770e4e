"""Every synthesized test template passes cfn-lint; cdk-nag passes on a stack with every construct; layering."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from aws_cdk import Stack, Validations
from cfnlint.api import ManualArgs, lint

from tests.cdk.conftest import builders
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # jsii starts Node


@pytest.mark.parametrize("name", builders())
def test_cfn_lint_reports_no_errors(name, template_of):
    matches = lint(json.dumps(template_of(name)), config=ManualArgs(regions=["us-east-1"]))
    errors = [f"{match.rule.id} {match.path_string}: {match.message}" for match in matches if match.rule.id[0] == "E"]
    assert errors == []


def test_cdk_nag_aws_solutions_passes_on_every_construct(build_stack, template_of):
    # The AwsSolutions plugin runs inside synthesis and raises on any finding not acknowledged.
    assert template_of("every-construct")["Resources"]
    stack: Stack = build_stack("every-construct")
    kinds = {type(node).__name__ for node in stack.node.find_all()}
    assert {
        "DynamORMTable", "RateLimitTable", "IdempotencyTable", "DynamORMFunction",
        "RateLimitedFunction", "MultiTenantDynamORMTable", "EventDrivenAPI",
    } <= kinds


def test_every_nag_acknowledgement_carries_a_reason(build_stack):
    stack: Stack = build_stack("every-construct")
    acknowledgements = [
        (node.node.path, rule, reason)
        for node in stack.node.find_all()
        for entry in node.node.metadata
        if entry.type == Validations.ACKNOWLEDGED_RULES_METADATA_KEY
        for rule, reason in entry.data.items()
    ]
    assert acknowledgements
    assert [(path, rule) for path, rule, reason in acknowledgements if len(reason.split()) < 5] == []


def test_cdk_bridge_loads_only_the_scanner_and_the_ir_of_tagscan():
    # Built in a fresh interpreter: a pattern table runs the scanner, so everything it pulls in is loaded.
    probe = (
        "import sys, json\n"
        "from aws_cdk import App, Stack\n"
        "from cdk_bridge import RateLimitTable\n"
        "RateLimitTable(Stack(App(), 'Probe'), 'RateLimitTable')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'tagscan')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "tagscan.scanner" in loaded
    assert [m for m in loaded if m.split(".")[1:2] in (["cli"], ["lint"], ["rules"], ["report"], ["against"])] == []
