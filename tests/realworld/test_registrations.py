"""Section 1 of issue 14: calls that hand a type to the ORM, recorded per model and checked."""

from __future__ import annotations

import json

import tagscan
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.model import Location
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES, run_tagscan

SERVICES = FIXTURES / "go" / "13-real-services"


def test_each_model_records_its_first_call_site():
    registered = {m.name: m.registered_at for m in tagscan.scan(SERVICES).models if m.registered_at is not None}
    assert registered == {
        "Transfer": Location("ledger/repository.go", 15, 29),  # CreateTable(Transfer{})
        "Hold": Location("ledger/repository.go", 18, 26),  # EnsureTable(r.hold), a field of type *Hold
        "Entry": Location("ledger/repository.go", 22, 37),  # Model(e), a parameter e *Entry
        "Account": Location("ledger/repository.go", 27, 20),  # Model(&Account{})
    }


def test_scan_text_and_json_show_where_a_model_is_registered():
    done = run_tagscan("scan", SERVICES)
    assert "Entry (ledger/account.go:16, tag dynamorm, naming camelCase from go.mod, registered at ledger/repository.go:22:37)" in done.stdout
    data = json.loads(run_tagscan("scan", SERVICES, "--format", "json").stdout)
    entry = next(m for m in data["models"] if m["name"] == "Entry")
    assert entry["registered_at"] == {"file": "ledger/repository.go", "line": 22, "column": 37}
    limits = next(t for t in data["tables"] if t["models"] == ["RateLimitEntry"])
    assert limits["envs"] == ["APPTHEORY_RATE_LIMIT_TABLE_NAME", "RATE_LIMIT_TABLE_NAME", "RATE_LIMIT_TABLE", "LIMITED_TABLE_NAME"]
    session = next(m for m in data["models"] if m["name"] == "Session")
    assert (session["table"]["source"], session["table"]["pattern"]) == ("pattern", "${STAGE}-sessions")


def test_a_registered_embedded_struct_with_a_pk_is_a_model(go_tree):
    root = go_tree({
        "app/models.go": 'package app\n\ntype Base struct {\n\tID string `dynamorm:"pk"`\n}\n\n'
                         "type Wrapped struct {\n\tBase\n\tNote string\n}\n",
        "app/repo.go": 'package app\n\nimport "github.com/pay-theory/dynamorm/pkg/core"\n\n'
                       "func migrate(db core.DB) error { return db.AutoMigrate(&Base{}, &Wrapped{}) }\n",
    })
    scan = tagscan.scan(root)
    assert [(m.name, m.registered_at.column) for m in scan.models] == [("Base", 56), ("Wrapped", 65)]


def test_a_refused_type_is_an_error_at_the_call_with_the_orm_message():
    scan = tagscan.scan(FIXTURES / "rules" / "TS214")
    findings = run(LintContext(scan), ALL_RULES, select=["TS214"]).findings
    assert [(f.file, f.line, f.message) for f in findings] == [
        ("repository.go", 15, "missing primary key (Model is handed Draft)"),
        ("repository.go", 19, "missing primary key (Model is handed Draft)"),
        ("repository.go", 27, "missing primary key (AutoMigrate is handed Draft)"),
        ("repository.go", 31, "invalid model: model must be a struct (Model is handed Slug)"),
    ]


def test_calls_in_a_module_without_the_orm_are_not_read(go_tree):
    root = go_tree({
        "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.0\n",
        "app/models.go": 'package app\n\nimport "gorm.io/gorm"\n\ntype Draft struct {\n\tTitle string `dynamorm:"attr:title"`\n}\n\n'
                         "func save(db *gorm.DB) { db.Model(&Draft{}) }\n",
    })
    assert tagscan.scan(root).registrations == ()


def test_a_register_function_of_another_package_is_not_the_orm(go_tree):
    root = go_tree({
        "app/metrics.go": 'package app\n\nimport (\n\t"github.com/pay-theory/dynamorm/pkg/core"\n'
                          '\t"github.com/prometheus/client_golang/prometheus"\n)\n\n'
                          "type collector struct {\n\tname string\n}\n\n"
                          "func setup(db core.DB) {\n\tprometheus.Register(&collector{})\n\tdb.Register(&collector{})\n}\n",
    })
    assert [(r.call, r.location.line, r.refusal) for r in tagscan.scan(root).registrations] == [
        ("Register", 14, "missing primary key")]
