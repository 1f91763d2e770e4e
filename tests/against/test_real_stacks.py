"""`lint --against` and `diff` on stacks synthesized by the real CDK (fixtures/against/cdk, written by its
synth.py): the dispatch service's single table and ten edits of its stack, a table named by a CfnParameter
that only [tool.tagscan.bindings] can bind."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

import tagscan
from tests.against.conftest import json_output
from tests.conftest import FIXTURES
from tests.dynalite import npm_tool

DISPATCH = FIXTURES / "against" / "dispatch"
REPORTING = FIXTURES / "against" / "reporting"
STACKS = FIXTURES / "templates" / "cdk"
BASE = STACKS / "Dispatch.template.json"
REPORTING_STACKS = (STACKS / "ReportingData.template.json", STACKS / "ReportingApi.template.json")

# Each edit of the dispatch stack (fixtures/against/cdk/dispatch.py) and the error/warning rules it gives.
EDITS = {
    "DispatchPartitionKeyRenamed": ["TS703", "TS802"],
    "DispatchGsiDropped": ["TS704"],
    "DispatchGsiSortKeyType": ["TS705", "TS802"],
    "DispatchGsiAttributeCase": ["TS705", "TS803"],
    "DispatchGsiProjection": ["TS707"],
    "DispatchTtlRenamed": ["TS706", "TS804"],
    "DispatchTtlRemoved": ["TS706"],
    "DispatchEnvRemoved": ["TS710"],
    "DispatchOneFunctionOnLegacyTable": ["TS704", "TS709"],  # the legacy table lacks gsi3
    "DispatchAllFunctionsOnLegacyTable": ["TS704"],
}


@pytest.mark.slow
def test_the_templates_are_what_the_cdk_app_synthesizes():
    npm_tool("cdk")  # skips without the CDK CLI
    done = subprocess.run(
        [sys.executable, FIXTURES / "against" / "cdk" / "synth.py", "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def dispatch():
    return tagscan.scan([DISPATCH])


def failing(findings) -> list:
    return [f for f in findings if f.severity in ("error", "warning")]


def test_the_unedited_stack_gives_no_error_or_warning(dispatch, lint_against):
    findings = lint_against(dispatch, BASE)
    assert failing(findings) == []
    # Only the note that the previous release's table is used by no model.
    assert [(f.rule, f.severity) for f in findings] == [("TS708", "info")]
    assert "LegacyStateTable" in findings[0].message


@pytest.mark.parametrize("stack", sorted(EDITS))
def test_each_edit_of_the_stack_gives_one_to_four_findings(dispatch, lint_against, stack):
    found = failing(lint_against(dispatch, STACKS / f"{stack}.template.json"))
    assert 1 <= len(found) <= 4
    assert sorted(f.rule for f in found) == EDITS[stack]


def test_a_problem_of_the_shared_table_is_one_finding_at_the_embedded_key(dispatch, lint_against):
    (key,) = [f for f in lint_against(dispatch, STACKS / "DispatchPartitionKeyRenamed.template.json") if f.rule == "TS703"]
    models = sorted(m.name for m in dispatch.models)
    assert (key.file, key.line) == ("keys.go", 12)  # Keys.PK, which every entity embeds
    assert key.models == tuple(models)
    assert key.message.endswith(f"; {len(models)} models: {', '.join(models[:3])} and {len(models) - 3} more)")
    # Every model is a related location, at its own struct.
    assert sorted(r.message for r in key.related) == [f"model {m}" for m in models]
    assert {(r.file, r.line) for r in key.related} == {(m.file, m.line) for m in dispatch.models}


def test_a_problem_of_models_with_their_own_fields_sits_at_the_first_and_relates_the_others(dispatch, lint_against):
    (gsi3,) = [f for f in lint_against(dispatch, STACKS / "DispatchGsiSortKeyType.template.json") if f.rule == "TS705"]
    owners = sorted((m for m in dispatch.models if any(i.name == "gsi3" for i in m.indexes)), key=lambda m: (m.file, m.line))
    assert len(owners) > 3
    first = next(f for f in owners[0].fields if f.attribute == "gsi3pk")
    assert (gsi3.file, gsi3.line) == (first.location.file, first.location.line)
    assert gsi3.models == tuple(sorted(m.name for m in owners))
    assert [r.message for r in gsi3.related] == [f"model {m.name}" for m in owners[1:]]
    assert f"{len(owners)} models: " in gsi3.message


def test_a_problem_of_one_model_stays_that_models_finding(lint_against, tmp_path):
    """A model with an index of its own that the table lacks: the finding concerns that model alone."""
    shutil.copytree(DISPATCH, tmp_path / "dispatch")
    (tmp_path / "dispatch" / "holds.go").write_text(
        "package state\n\n"
        "// Hold reserves a technician's slot while a customer checks out.\n"
        "type Hold struct {\n"
        "\tKeys\n"
        '\tSlot string `dynamorm:"index:gsi-slot,pk,attr:slot"`\n'
        "}\n"
    )
    found = failing(lint_against(tagscan.scan([tmp_path / "dispatch"]), BASE))
    assert [(f.rule, f.file, f.line, f.models, f.related) for f in found] == [("TS704", "holds.go", 6, ("Hold",), ())]
    assert found[0].message.endswith("; model Hold)")


def test_functions_pointing_the_env_var_at_two_tables_are_each_named(dispatch, lint_against):
    path = STACKS / "DispatchOneFunctionOnLegacyTable.template.json"
    findings = lint_against(dispatch, path)
    (conflict,) = [f for f in findings if f.rule == "TS709"]
    functions = sorted(
        logical_id
        for logical_id, resource in json.loads(path.read_text())["Resources"].items()
        if resource["Type"] == "AWS::Lambda::Function"
    )
    exporter = next(f for f in functions if f.startswith("Exporter"))
    others = ", ".join(f for f in functions if f != exporter)
    assert re.search(rf"StateTable\w+ \([^)]*\) by Lambdas {others}; LegacyStateTable\w+ \([^)]*\) by Lambda {exporter};", conflict.message)
    assert (conflict.file, conflict.line) == ("keys.go", 22)  # the TableName every entity has from Keys
    # The models are checked against both tables: the legacy one lacks the schedule index.
    (missing,) = [f for f in findings if f.rule == "TS704"]
    assert f"LegacyStateTable" in missing.message and f"of Lambda {exporter};" in missing.message


def test_an_env_var_no_function_sets_is_reported_though_the_construct_path_matches(dispatch, lint_against):
    (unset,) = failing(lint_against(dispatch, STACKS / "DispatchEnvRemoved.template.json"))
    assert unset.rule == "TS710"
    assert "STATE_TABLE_NAME, which none of the 10 functions of the templates sets" in unset.message
    assert "matched by construct path DispatchEnvRemoved/StateTable/Resource" in unset.message


def test_diff_lists_the_unused_template_table(cli):
    result = cli("diff", DISPATCH, "--against", BASE, "--format", "json")
    assert result.exit_code == 0
    plans = {t["action"]: t for t in json_output(result)["tables"]}
    assert set(plans) == {"unchanged", "unused"}
    assert plans["unused"]["table"].startswith("LegacyStateTable")
    text = cli("diff", DISPATCH, "--against", BASE).stdout
    assert re.search(r"^\. LegacyStateTable\w+  \[ok\] no model matches this table$", text, re.M)


# --- SARIF and GitHub on the real stack (acceptance 5) -------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_sarif_carries_the_other_models_as_related_locations_and_validates(cli, sarif_validator):
    result = cli("lint", DISPATCH, "--against", STACKS / "DispatchGsiSortKeyType.template.json", "--format", "sarif")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    errors = sorted(sarif_validator.iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    (gsi3,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "TS705"]
    related = gsi3["relatedLocations"]
    assert len(related) >= 3 and [r["id"] for r in related] == list(range(1, len(related) + 1))
    assert all(r["physicalLocation"]["artifactLocation"]["uri"].startswith("fixtures/against/dispatch/") for r in related)
    assert all(r["message"]["text"].startswith("model ") for r in related)


@pytest.mark.parametrize("stack", ["DispatchPartitionKeyRenamed", "DispatchOneFunctionOnLegacyTable"])
def test_github_writes_one_annotation_per_finding(cli, stack):
    template = STACKS / f"{stack}.template.json"
    findings = json_output(cli("lint", DISPATCH, "--against", template, "--format", "json"))["findings"]
    lines = cli("lint", DISPATCH, "--against", template, "--format", "github").stdout.splitlines()
    assert len(lines) == len(findings)
    assert [line.split(" ", 1)[0] for line in lines] == [
        {"error": "::error", "warning": "::warning", "info": "::notice"}[f["severity"]] for f in findings
    ]


# --- [tool.tagscan.bindings] (acceptance 4) ------------------------------------------------------


def reporting_lint(cli, tmp_path, bindings: str):
    config = tmp_path / "tagscan.toml"
    config.write_text(f"[bindings]\n{bindings}\n")
    against = [arg for path in REPORTING_STACKS for arg in ("--against", path)]
    return cli("lint", REPORTING, *against, "--config", config, "--format", "json")


def test_without_bindings_a_table_named_by_a_parameter_matches_nothing_and_ts701_says_why(cli, tmp_path):
    result = reporting_lint(cli, tmp_path, "")
    assert result.exit_code == 1
    messages = {f["models"][0]: f["message"] for f in json_output(result)["findings"] if f["rule"] == "TS701"}
    assert set(messages) == {"AuditEvent", "Export"}
    assert re.search(
        r"tried env var AUDIT_TABLE_NAME of Lambda Reports\w+: parameter AuditTableName \(a CfnParameter: say the "
        r"table in \[tool.tagscan.bindings\]\)",
        messages["AuditEvent"],
    )
    assert "TableName Exports, report-exports: no table has it (0 of 2 have a literal name)" in messages["Export"]
    assert "construct paths for export, reportexports: none among ActivityTable, ExportsTable;" in messages["Export"]


@pytest.mark.parametrize(
    ("binding", "bound_model"),
    [
        ('AuditEvent = "ActivityTable0B58B12C"', "AuditEvent"),  # a model, to a logical id
        ('AUDIT_TABLE_NAME = "ReportingData/ActivityTable"', "AuditEvent"),  # an env var, to a construct path
        ('"report-exports" = "ReportingData/ExportsTable/Resource"', "Export"),  # a table name, to the full path
    ],
)
def test_a_binding_matches_its_model_to_the_table(cli, tmp_path, binding, bound_model):
    findings = json_output(reporting_lint(cli, tmp_path, binding))["findings"]
    unmatched = {f["models"][0] for f in findings if f["rule"] == "TS701"}
    assert unmatched == {"AuditEvent", "Export"} - {bound_model}
    key = binding.split(" = ")[0].strip('"')
    assert not [f for f in findings if f["rule"] in ("TS703", "TS704", "TS705", "TS706")]
    bound = [f for f in findings if f["rule"] == "TS708"]
    assert len(bound) == 1  # the other table stays unused
    against = [arg for path in REPORTING_STACKS for arg in ("--against", path)]
    diff = cli("diff", REPORTING, *against, "--config", tmp_path / "tagscan.toml", "--format", "json")
    assert diff.exit_code == 1  # the model still without a table is unmatched, as in lint
    (plan,) = [t for t in json_output(diff)["tables"] if t["matched_by"]]
    assert plan["matched_by"].startswith(f"binding {key} = ")


def test_a_binding_that_names_nothing_exits_2_with_the_name(cli, tmp_path):
    result = reporting_lint(cli, tmp_path, 'AUDIT_TABLE_NAME = "ReportingData/AuditTable"')
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "AUDIT_TABLE_NAME = 'ReportingData/AuditTable'" in result.stderr
    assert "no table of the templates has the logical id or construct path ReportingData/AuditTable" in result.stderr


def test_diff_reads_the_bindings_too_and_a_binding_to_nothing_exits_2(cli, tmp_path):
    config = tmp_path / "tagscan.toml"
    config.write_text('[bindings]\n"report-exports" = "ExportsTable"\n')
    against = [arg for path in REPORTING_STACKS for arg in ("--against", path)]
    result = cli("diff", REPORTING, *against, "--config", config)
    assert result.exit_code == 2
    assert result.stderr.startswith("tagscan: error: ") and result.stderr.count("\n") == 1
    assert "'ExportsTable'" in result.stderr


def test_a_binding_of_a_name_the_scan_does_not_have_exits_2(cli, tmp_path):
    result = reporting_lint(cli, tmp_path, 'AuditEntry = "ReportingData/ActivityTable"')
    assert result.exit_code == 2
    assert "AuditEntry is no model, env var or table name of the scan" in result.stderr


# --- env chains: the construct library (acceptance 2) --------------------------------------------

KIT = FIXTURES / "against" / "kit"
RATE_LIMIT_CHAIN = "APPTHEORY_RATE_LIMIT_TABLE_NAME, RATE_LIMIT_TABLE_NAME, LIMITED_TABLE_NAME, DYNAMODB_TABLE_NAME"


def test_each_model_of_the_kit_matches_its_tables_through_the_first_env_var_a_function_sets(cli):
    """Release 1 of the library sets RATE_LIMIT_TABLE_NAME (2nd of the chain); the Migrate function sets
    DYNAMODB_TABLE_NAME (4th) to the jobs table, which the rate limits, preferring the 2nd, ignore."""
    result = cli("diff", KIT, "--against", STACKS / "Kit.template.json", "--format", "json")
    assert result.exit_code == 0
    matched = {t["table"]: t["matched_by"] for t in json_output(result)["tables"]}
    assert {(re.sub(r"[0-9A-F]{8}$", "", table), how and re.sub(r"[0-9A-F]{8}\b", "", how)) for table, how in matched.items()} == {
        ("RateLimitsTable", f"env var RATE_LIMIT_TABLE_NAME (2nd of {RATE_LIMIT_CHAIN}) of Lambda Api"),
        (
            "IdempotencyTable",
            "env var IDEMPOTENCY_TABLE_NAME (2nd of APPTHEORY_IDEMPOTENCY_TABLE_NAME, IDEMPOTENCY_TABLE_NAME) "
            "of Lambda Api",
        ),
        ("JobsTable", "env var JOBS_TABLE_NAME (1st of JOBS_TABLE_NAME, DYNAMODB_TABLE_NAME) of Lambda Worker"),
    }
    lint = cli("lint", KIT, "--against", STACKS / "Kit.template.json", "--format", "json")
    assert (lint.exit_code, json_output(lint)["findings"]) == (0, [])


def test_a_four_deep_chain_matched_by_its_first_env_var_reports_a_key_mismatch_not_no_table(cli):
    result = cli("lint", KIT, "--against", STACKS / "KitV2.template.json", "--format", "json")
    assert result.exit_code == 1
    findings = json_output(result)["findings"]
    assert sorted((f["rule"], f["line"]) for f in findings) == [("TS703", 10), ("TS703", 11), ("TS802", 10), ("TS802", 11)]
    assert all(
        re.search(rf"matched by env var APPTHEORY_RATE_LIMIT_TABLE_NAME \(1st of {RATE_LIMIT_CHAIN}\) of Lambda Api\w+", f["message"])
        for f in findings
    )


# --- lint and diff agree (acceptance 3) -----------------------------------------------------------

PAIRS = [
    (DISPATCH, (f"{stack}.template.json",)) for stack in ["Dispatch", *EDITS]
] + [
    (KIT, ("Kit.template.json",)),
    (KIT, ("KitV2.template.json",)),
    (KIT, ("Dispatch.template.json",)),  # another service's stack: nothing of the kit's is there
    (REPORTING, ("ReportingData.template.json", "ReportingApi.template.json")),
    (REPORTING, ("ReportingApi.template.json",)),
]


@pytest.mark.parametrize(("models", "stacks"), PAIRS, ids=lambda p: p.name if hasattr(p, "name") else "+".join(p))
def test_lint_and_diff_agree_on_which_models_have_no_table(cli, models, stacks):
    against = [arg for stack in stacks for arg in ("--against", STACKS / stack)]
    lint = json_output(cli("lint", models, *against, "--format", "json", "--select", "TS701"))
    diff = cli("diff", models, *against, "--format", "json")
    plans = json_output(diff)["tables"]
    unmatched_by_lint = sorted(tuple(f["models"]) for f in lint["findings"])
    unmatched_by_diff = sorted(tuple(t["models"]) for t in plans if t["action"] == "unmatched")
    assert unmatched_by_lint == unmatched_by_diff
    assert (diff.exit_code == 1) >= bool(unmatched_by_lint)  # an unmatched model fails diff as TS701 fails lint
    assert not any(t["table"].endswith("_NAME") or t["table"].startswith("unresolved:") for t in plans)


def test_each_lint_context_works_out_its_own_issues():
    """No cache outside the context: the same scan and templates with and without a binding differ."""
    from tagscan.against import load_templates
    from tagscan.lint.engine import run
    from tagscan.lint.rule import LintContext
    from tagscan.rules import ALL_RULES

    scan, templates = tagscan.scan([REPORTING]), load_templates(REPORTING_STACKS)

    def unmatched(**bindings: str) -> list[tuple[str, ...]]:
        ctx = LintContext(scan=scan, against=templates, bindings=tuple(bindings.items()))
        return [f.models for f in run(ctx, ALL_RULES, select=["TS701"]).findings]

    assert unmatched() == [("AuditEvent",), ("Export",)]
    assert unmatched(AuditEvent="ReportingData/ActivityTable") == [("Export",)]
    assert unmatched() == [("AuditEvent",), ("Export",)]
