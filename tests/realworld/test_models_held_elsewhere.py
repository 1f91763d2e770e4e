"""Acceptance 2 of issue 14: a struct with a pk that other structs hold as a field type (a response,
a fake store, a cache entry) is a model for scan, lint, lint --against and synth alike."""

from __future__ import annotations

import json

import pytest

import tagscan
from tagscan.against import load_templates
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES
from tests.conftest import run_tagscan

PAYMENT = """package payments

import "os"

type Payment struct {
	ID     string `dynamorm:"pk,attr:id"`
	Amount int64  `dynamorm:"attr:amount"`
}

func (Payment) TableName() string { return os.Getenv("PAYMENTS_TABLE_NAME") }
"""
FAKES = """package payments

import "sync"

type fakeStore struct {
	mu       sync.Mutex
	payments map[string]*Payment
	events   chan Payment
}
"""
RESPONSE = """package api

import "example.com/app/payments"

type ListPaymentsResponse struct {
	Payments []*payments.Payment `json:"payments"`
}

type cacheEntry struct {
	Payment payments.Payment
}
"""


@pytest.fixture
def service(go_tree):
    return go_tree({"payments/payment.go": PAYMENT, "payments/fakes.go": FAKES, "api/responses.go": RESPONSE})


def test_scan_reports_it_as_a_model_with_its_table(service):
    result = tagscan.scan(service)
    assert [m.name for m in result.models] == ["Payment"]
    assert [(t.key, t.models) for t in result.tables] == [("PAYMENTS_TABLE_NAME", ("Payment",))]
    assert result.components == ()


def test_lint_checks_it_as_a_model(service):
    # TS602 speaks of models only: the env var without a fallback falls back to "Payments".
    findings = run(LintContext(tagscan.scan(service)), ALL_RULES, select=["TS602"]).findings
    assert [(f.rule, f.file, f.line) for f in findings] == [("TS602", "payments/payment.go", 10)]
    assert "'Payments'" in findings[0].message


def test_lint_against_matches_it_to_its_table(service, template):
    scan = tagscan.scan(service)
    matching = template({"id": "S"}, ("PAYMENTS_TABLE_NAME",), "ok.json")
    assert run(LintContext(scan, against=load_templates((matching,))), ALL_RULES, select=["TS7"]).findings == ()
    wrong_key = template({"paymentId": "S"}, ("PAYMENTS_TABLE_NAME",), "wrong-key.json")
    findings = run(LintContext(scan, against=load_templates((wrong_key,))), ALL_RULES, select=["TS7"]).findings
    assert [(f.rule, f.file) for f in findings] == [("TS703", "payments/payment.go")]


@pytest.mark.slow
def test_synth_creates_its_table(service, tmp_path):
    done = run_tagscan("synth", service, "-o", tmp_path / "cdk.out")
    assert done.returncode == 0, done.stdout + done.stderr
    template = json.loads((tmp_path / "cdk.out" / "DynamORMModels.template.json").read_text(encoding="utf-8"))
    tables = [r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert [t["Properties"]["KeySchema"] for t in tables] == [[{"AttributeName": "id", "KeyType": "HASH"}]]
