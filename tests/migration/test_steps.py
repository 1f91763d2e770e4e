"""The step planner without the CDK: fixtures/steps/three-gsis/*.template.json are `tagscan synth` outputs of
its ``before`` and ``after`` models (test_staged_synth.py builds the same templates and deploys them step by step)."""

from __future__ import annotations

import tagscan
from tagscan.against import load_templates
from tagscan.against.steps import first_step, plan_steps
from tests.conftest import FIXTURES

HISTORY = FIXTURES / "steps" / "three-gsis"


def test_against_the_models_own_template_there_is_nothing_to_stage() -> None:
    models = tagscan.scan([HISTORY / "after"])
    steps = plan_steps(models, load_templates([HISTORY / "after.template.json"]))
    assert steps.count == 1 and steps.empty
    assert steps.describe().endswith("no table, GSI or TTL change to stage: this step is a plain synth\n")
    assert first_step(models, steps).scan is models


def test_the_first_of_three_steps_adds_one_gsi_and_keeps_the_rest_of_the_table() -> None:
    models = tagscan.scan([HISTORY / "after"])
    steps = plan_steps(models, load_templates([HISTORY / "before.template.json"]))
    assert steps.count == 3
    [table] = steps.tables
    assert [op.describe() for op in table.gsi_operations] == ["create GSI gsi-ip", "create GSI gsi-tenant", "create GSI gsi-user"]
    [staged] = first_step(models, steps).scan.tables
    [target] = models.tables
    assert [i.name for i in staged.indexes] == ["gsi-ip"]
    assert (staged.partition_key, staged.sort_key, staged.ttl) == (target.partition_key, target.sort_key, target.ttl)


def test_without_a_deployed_table_the_table_is_created_whole() -> None:
    models = tagscan.scan([FIXTURES / "steps" / "ttl-rename" / "after"])
    other = FIXTURES / "templates" / "seed" / "custom-table.template.json"
    steps = plan_steps(models, load_templates([other]))
    assert steps.count == 1 and steps.new_tables == ("RATELIMITTABLE_TABLE_NAME",)
    assert "RATELIMITTABLE_TABLE_NAME: create the table" in steps.describe()
