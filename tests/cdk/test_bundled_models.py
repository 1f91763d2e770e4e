"""The Go models bundled for RateLimitTable and IdempotencyTable, read as a user's models are: no CDK needed."""

from __future__ import annotations

import json
from importlib import resources

import tagscan
from tests.conftest import run_tagscan

MODELS = resources.files("cdk_bridge") / "models"


def test_the_ttl_fields_are_int64_as_the_current_orm_requires():
    for model in tagscan.scan(str(MODELS)).models:
        [ttl_field] = [field for field in model.fields if field.ttl]
        assert ttl_field.go_type.kind == "int64", model.name


def test_tagscan_lint_finds_nothing_in_the_bundled_models():
    done = run_tagscan("lint", MODELS, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["findings"] == []
