"""`tagscan diff OLD_MODELS NEW_MODELS`: a billing service's models across an ORM upgrade, read from git.

The fixture repository has two commits: the models under DynamORM v1.0.30 (attribute names are the Go
field names), then the go.mod bumped to v1.0.31 (camelCase) with one more index. The invoice keys are
pinned with ``attr:``, so only its other attributes move; the usage record's keys are not, so its table
must be replaced.
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from tagscan.cli.app import app

GO_MOD = "module example.com/billing\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm {version}\n"

INVOICE = """package models

import "os"

// Invoice is one invoice of an account; single-table keys, pinned by attr.
type Invoice struct {{
	PK         string `dynamorm:"pk,attr:PK"`
	SK         string `dynamorm:"sk,attr:SK"`
	CustomerID string `dynamorm:"index:gsi-customer,pk"`
	AmountDue  int64
	Currency   string
	DueAt      int64  `dynamorm:"ttl"`{extra}
}}

func (i *Invoice) TableName() string {{
	return os.Getenv("BILLING_TABLE_NAME")
}}
"""

USAGE = """package models

import "os"

// UsageRecord is metered usage per account and hour.
type UsageRecord struct {
	AccountID string `dynamorm:"pk"`
	Hour      string `dynamorm:"sk"`
	Units     int64
}

func (u *UsageRecord) TableName() string {
	return os.Getenv("USAGE_TABLE_NAME")
}
"""


def _git(repo: pathlib.Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.fixture
def billing(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A repository whose last commit upgrades DynamORM; the working directory is its root."""
    repo = tmp_path / "billing"
    models = repo / "models"
    models.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "go.mod").write_text(GO_MOD.format(version="v1.0.30"))
    (models / "invoice.go").write_text(INVOICE.format(extra=""))
    (models / "usage.go").write_text(USAGE)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "billing models on dynamorm v1.0.30")
    (repo / "go.mod").write_text(GO_MOD.format(version="v1.0.31"))
    status = '\n\tStatus     string `dynamorm:"index:gsi-status,pk"`'
    (models / "invoice.go").write_text(INVOICE.format(extra=status))
    _git(repo, "commit", "-q", "-am", "dynamorm v1.0.31, invoices by status")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def diff() -> Callable[..., object]:
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["diff", *map(str, args)])


def test_an_orm_upgrade_shows_renames_and_a_replaced_table(billing: pathlib.Path, diff: Callable[..., object]) -> None:
    result = diff("git:HEAD~1:models", "models")
    out = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, out  # type: ignore[attr-defined]
    assert "models: git:HEAD~1:models → models" in out
    assert "naming: verbatim (go.mod v1.0.30) → camelCase (go.mod v1.0.31)" in out
    for field, new in (("AmountDue", "amountDue"), ("Currency", "currency"), ("CustomerID", "customerID")):
        assert f"attribute {field}: {field} → {new}  [warning] items written before keep the old name" in out
    assert "attribute PK" not in out  # pinned by attr: unchanged
    assert "TTL: DueAt → dueAt  [warning] TTL must be disabled" in out
    assert "index gsi-customer: GSI CustomerID → GSI customerID  [error]" in out
    assert "index gsi-status: none → GSI status  [ok] created in place" in out
    assert "partition key: AccountID (S) → accountID (S)  [error] a key attribute: the table is replaced" in out
    assert "attribute Units: Units → units  [warning] items written before keep the old name: rename it as the items are copied" in out
    assert "data migration of table BILLING_TABLE_NAME (Invoice): AmountDue → amountDue, Currency → currency, CustomerID → customerID" in out


def test_emit_migration_writes_the_construct_call(billing: pathlib.Path, diff: Callable[..., object]) -> None:
    target = billing / "migrations.py"
    result = diff("git:HEAD~1:models", "models", "--emit-migration", target)
    assert "wrote " in result.output  # type: ignore[attr-defined]
    code = target.read_text()
    ast.parse(code)
    assert "from cdk_bridge import DynamORMMigration" in code
    assert "table=models.tables['BILLING_TABLE_NAME']" in code
    assert "'AmountDue': 'amountDue'," in code and "'CustomerID': 'customerID'," in code
    # The usage table's key renames need a new table: its items are renamed as they are copied there.
    assert "USAGE_TABLE_NAME" not in code and "'Units'" not in code
    assert "'DueAt': 'dueAt'," in code  # the TTL attribute's values move too
    assert "'PK'" not in code and "'AccountID'" not in code
    # Never over a file the user has.
    again = diff("git:HEAD~1:models", "models", "--emit-migration", target)
    assert again.exit_code == 2 and "exists" in again.output  # type: ignore[attr-defined]


@pytest.mark.slow  # a CDK app: Node (jsii)
def test_the_emitted_migration_builds_in_a_cdk_app(billing: pathlib.Path, diff: Callable[..., object]) -> None:
    pytest.importorskip("aws_cdk")
    result = diff("git:HEAD~1:models", "models", "--emit-migration", "-")
    namespace: dict[str, object] = {}
    exec(compile(result.output, "migrations.py", "exec"), namespace)  # type: ignore[attr-defined]
    from aws_cdk import App

    from cdk_bridge import DynamORMMigration, DynamORMModelsStack

    stack = DynamORMModelsStack(App(), "Billing", models=str(billing / "models"))
    namespace["add_migrations"](stack)  # type: ignore[operator]
    migrations = [n for n in stack.node.find_all() if isinstance(n, DynamORMMigration)]
    assert {m.renames.get("AmountDue") for m in migrations} >= {"amountDue"}


def test_the_same_tree_twice_changes_nothing(billing: pathlib.Path, diff: Callable[..., object]) -> None:
    result = diff("git:HEAD:models", "models")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "2 models unchanged; 0 errors, 0 warnings" in result.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("git:HEAD~5:models", "HEAD~5 is not a commit"),
        ("git:HEAD~1:nowhere", "nowhere is not in HEAD~1"),
        ("git:HEAD~1:../outside", "outside the repository"),
    ],
)
def test_bad_git_specs_are_one_line_errors(billing: pathlib.Path, diff: Callable[..., object], spec: str, message: str) -> None:
    result = diff(spec, "models")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert message in result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_the_working_tree_is_left_alone(billing: pathlib.Path, diff: Callable[..., object]) -> None:
    before = subprocess.run(["git", "status", "--porcelain"], cwd=billing, capture_output=True, text=True, check=True).stdout
    diff("git:HEAD~1:models", "models")
    after = subprocess.run(["git", "status", "--porcelain"], cwd=billing, capture_output=True, text=True, check=True).stdout
    assert after == before == ""
    assert (billing / "go.mod").read_text() == GO_MOD.format(version="v1.0.31")
