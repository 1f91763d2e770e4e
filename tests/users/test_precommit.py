"""The `tagscan-lint` pre-commit hook, run by the real `pre-commit try-repo` on a fixture repository:
it fails on a model the ORM rejects and reports nothing on a clean one."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.users.conftest import run

BROKEN_MODEL = """\
package models

// Account has no partition key, and `unique` is not a DynamORM directive.
type Account struct {
	Email string `dynamorm:"index:gsi-email,unique"`
}

func (Account) TableName() string { return "accounts" }
"""

CLEAN_MODEL = """\
package models

// Order is keyed by its id and found by email.
type Order struct {
	ID    string `dynamorm:"pk"`
	Email string `dynamorm:"index:gsi-email"`
}

func (Order) TableName() string { return "orders" }
"""


@pytest.mark.slow
def test_the_hook_fails_on_the_model_the_orm_rejects_and_only_on_it(tmp_path):
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is missing from the venv: it belongs in the dev dependencies (pre-commit==4.7.0)")
    # try-repo installs the hook into a fresh environment on every run (minutes: pip installs this
    # repository and its dependencies), so one run covers a broken and a clean model.
    project = tmp_path / "project"
    models = project / "models"
    models.mkdir(parents=True)
    (models / "account.go").write_text(BROKEN_MODEL, encoding="utf-8")
    (models / "order.go").write_text(CLEAN_MODEL, encoding="utf-8")
    (project / "README.md").write_text("not Go\n", encoding="utf-8")
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    # The committed state of this repository, as a user pinning a rev gets it.
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    result = run(
        [sys.executable, "-m", "pre_commit", "try-repo", ROOT, "tagscan-lint", "--ref", head.stdout.strip(),
         "--color", "never"],
        cwd=project,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
        timeout=900,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^tagscan lint\.+Failed$", result.stdout, re.MULTILINE), result.stdout
    assert "models/account.go:4:6: TS201 missing primary key" in result.stdout
    assert "models/account.go:5:15: TS206" in result.stdout
    assert "order.go" not in result.stdout  # the clean model, passed to the hook too, has no finding
