"""Acceptance 3 of issue 14: `lint --against` matches a model reading a four-deep env chain to the
table a Lambda binds to any one of those env vars."""

from __future__ import annotations

import pytest

import tagscan
from tagscan.against import load_templates
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES

LIMITS = FIXTURES / "go" / "13-real-services" / "limits"
CHAIN = ("APPTHEORY_RATE_LIMIT_TABLE_NAME", "RATE_LIMIT_TABLE_NAME", "RATE_LIMIT_TABLE", "LIMITED_TABLE_NAME")
RATE_LIMIT_KEYS = {"PK": "S", "SK": "S"}


def rate_limit_findings(template_path):
    scan = tagscan.scan(LIMITS)
    findings = run(LintContext(scan, against=load_templates((template_path,))), ALL_RULES, select=["TS7", "TS003"]).findings
    return {f.rule for f in findings if f.file in ("ratelimit.go", ".")}


@pytest.mark.parametrize("env", CHAIN)
def test_a_lambda_setting_any_env_var_of_the_chain_matches_the_table(template, env):
    assert rate_limit_findings(template(RATE_LIMIT_KEYS, (env,), ttl="ttl")) == set()


def test_the_match_is_real_a_wrong_key_is_reported(template):
    assert "TS703" in rate_limit_findings(template({"PK": "S", "sk": "S"}, ("RATE_LIMIT_TABLE",), ttl="ttl"))


def test_an_env_var_outside_the_chain_matches_nothing(template):
    assert rate_limit_findings(template(RATE_LIMIT_KEYS, ("RATE_LIMITS",), ttl="ttl")) == {"TS701"}
