"""Acceptance 2: the camelCase models of fixtures/models against the seed's reference templates,
which declare the attribute names the ORM wrote before v1.0.31 (Go field names verbatim)."""

from __future__ import annotations

import re

import pytest

import tagscan
from tests.against.conftest import SEED
from tests.conftest import FIXTURES

MODELS = FIXTURES / "models"
SEED_TEMPLATES = sorted(SEED.glob("*.template.json"))
HINT = re.compile(
    r"^the ORM writes `(\w+)`; the table declares `(\w+)`; did the ORM's default naming change \(v1\.0\.31\)\?$"
)


def field_line(scan, model: str, field: str) -> tuple[str, int]:
    (found,) = [m for m in scan.models if m.name == model]
    (location,) = [f.location for f in found.fields if f.name == field]
    return location.file, location.line


@pytest.fixture(scope="module")
def camel_case():
    return tagscan.scan([MODELS])


@pytest.fixture(scope="module")
def verbatim():
    return tagscan.scan([MODELS], naming="verbatim")


def test_the_seed_templates_are_the_reference_copies():
    assert [p.name for p in SEED_TEMPLATES] == [
        "custom-table.template.json",
        "event-driven-api.template.json",
        "multi-tenant.template.json",
        "pattern-tables.template.json",
        "rate-limited-function.template.json",
    ]


def test_camel_case_models_report_the_seeds_attribute_names_with_hints(camel_case, lint_against):
    findings = [f for f in lint_against(camel_case, *SEED_TEMPLATES) if f.rule in ("TS703", "TS705", "TS706")]
    hinted = {HINT.match(f.hint).groups() for f in findings if f.hint}
    assert hinted == {
        ("identifier", "Identifier"),
        ("windowTime", "WindowTime"),
        ("ipAddress", "IPAddress"),
        ("userID", "UserID"),
        ("tenantID", "TenantID"),
        ("expiresAt", "ExpiresAt"),
        ("idempotencyKey", "IdempotencyKey"),
        ("functionName", "FunctionName"),
        ("status", "Status"),
        ("eventID", "EventID"),
        ("timestamp", "Timestamp"),
        ("eventType", "EventType"),
    }
    # Every key and index mismatch here is a naming one, and says so.
    assert all(f.hint for f in findings if f.rule in ("TS703", "TS705"))
    by_place = {(f.rule, f.file, f.line) for f in findings}
    for rule, model, field in [
        ("TS703", "RateLimitRecord", "Identifier"),
        ("TS703", "RateLimitRecord", "WindowTime"),
        ("TS705", "RateLimitRecord", "IPAddress"),
        ("TS706", "RateLimitRecord", "ExpiresAt"),
        ("TS703", "IdempotencyRecord", "IdempotencyKey"),
        ("TS706", "IdempotencyRecord", "ExpiresAt"),
    ]:
        assert (rule, *field_line(camel_case, model, field)) in by_place


def test_each_model_table_is_found_in_every_seed_template_that_has_it(camel_case, lint_against):
    findings = lint_against(camel_case, *SEED_TEMPLATES)
    identifier = field_line(camel_case, "RateLimitRecord", "Identifier")
    matched = sorted(
        re.search(r"matched by (.*); model RateLimitRecord\)$", f.message).group(1)
        for f in findings
        if f.rule == "TS703" and (f.file, f.line) == identifier
    )
    # pattern-tables has no function: its table is found by its ModelName tag.
    assert matched == ["ModelName tag RateLimit", "env var RATELIMITTABLE_TABLE_NAME of Lambda LimitedFunction2B1CDDE0"]


def test_verbatim_models_match_the_tables_both_describe(verbatim, lint_against):
    findings = lint_against(verbatim, *SEED_TEMPLATES)
    on_go = {(f.rule, f.file, f.line) for f in findings if f.file.endswith(".go")}
    assert on_go == set()
    unused = sorted(re.match(r"DynamORM table (\w+)", f.message).group(1) for f in findings if f.rule == "TS702")
    assert unused == ["LedgerTable9343E4AA", "OrdersTable1F8332C7"]  # no model describes them
