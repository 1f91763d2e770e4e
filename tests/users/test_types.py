"""`tagscan types`: the generated TypeScript compiles under `tsc --strict` and the generated
TypedDicts type-check a consumer under `mypy --strict`; wrong items are rejected by both."""

from __future__ import annotations

import pathlib
import re
import sys
from dataclasses import replace

import pytest

from tagscan import scan
from tagscan.cli import app
from tagscan.export.types_python import render_python
from tagscan.export.types_ts import render_typescript
from tagscan.model import Attribute
from tests.conftest import FIXTURES
from tests.users.conftest import npm_tool, run
from tests.users.ir import users_and_orders

GOOD_TS = """\
import type { Order, User } from "./users";
import type { Event, RateLimitRecord } from "./fixture_models";

export const user: User = {
  id: "u1", SK: "PROFILE", email: "a@example.com", createdAt: "2026-01-01T00:00:00.000000001Z",
  tags: ["admin"], scores: [1.5, 2], levels: [1, 2], avatar: "AAEC", active: true, balance: 10.25,
  prefs: { theme: "dark" }, version: 3, ttl: 1767225600,
};
export const order: Order = { PK: "ORDER#1", SK: "ITEM#1" };
export const event: Event = { eventID: "e1", timestamp: "2026-01-01T00:00:00Z", eventType: "created" };
export const limit: RateLimitRecord = { identifier: "ip#1", windowTime: "2026-01-01T00:00", count: 1 };
"""

BAD_TS = """\
import type { User } from "./users";

export const missingKey: User = { SK: "PROFILE" };
export const ttlAsDate: User = { id: "u1", SK: "P", ttl: "2026-01-01" };
export const setAsString: User = { id: "u1", SK: "P", tags: "admin" };
"""

GOOD_PY = """\
from users import Order, User
from fixture_models import Event

user: User = {
    "id": "u1", "SK": "PROFILE", "createdAt": "2026-01-01T00:00:00Z", "tags": ["admin"],
    "scores": [1.5], "levels": [1, 2], "avatar": "AAEC", "active": True, "balance": 10.25, "prefs": {"theme": "dark"},
    "version": 3, "ttl": 1767225600,
}
order: Order = {"PK": "ORDER#1", "SK": "ITEM#1"}
event: Event = {"eventID": "e1", "timestamp": "2026-01-01T00:00:00Z"}


def expires(item: User) -> int:
    return item.get("ttl", 0)
"""

BAD_PY = """\
from users import User

missing_key: User = {"SK": "PROFILE"}
ttl_as_text: User = {"id": "u1", "SK": "P", "ttl": "2026-01-01"}
fractional_levels: User = {"id": "u1", "SK": "P", "levels": [1.5]}
"""


def _write_types(directory: pathlib.Path, suffix: str, runner: object) -> None:
    render = render_typescript if suffix == ".ts" else render_python
    (directory / f"users{suffix}").write_text(render(users_and_orders()), encoding="utf-8")
    lang = "ts" if suffix == ".ts" else "python"
    result = runner.invoke(app, ["types", str(FIXTURES / "models"), "--lang", lang, "-o", str(directory / f"fixture_models{suffix}")])  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.output
    # Every scanner fixture too: odd names, duplicates, embeds, every Go type the scanner knows.
    for case in sorted(p for p in (FIXTURES / "go").iterdir() if p.is_dir()):
        (directory / f"case_{case.name.replace('-', '_')}{suffix}").write_text(render(scan(case)), encoding="utf-8")


@pytest.mark.slow
def test_typescript_compiles_under_strict_and_rejects_wrong_items(tmp_path, runner):
    _write_types(tmp_path, ".ts", runner)
    (tmp_path / "good.ts").write_text(GOOD_TS, encoding="utf-8")
    (tmp_path / "bad.ts").write_text(BAD_TS, encoding="utf-8")
    tsc = npm_tool("tsc")
    files = sorted(p.name for p in tmp_path.glob("*.ts"))
    for file in files:  # TypeScript would merge two interfaces of one name without a word
        names = re.findall(r"^export interface (\w+)", (tmp_path / file).read_text(encoding="utf-8"), re.MULTILINE)
        assert len(names) == len(set(names)), file
    result = run([tsc, "--strict", "--noEmit", "--target", "es2022", "--module", "commonjs", *files], cwd=tmp_path)
    errors = re.findall(r"^(\S+?)\(\d+,\d+\): error (TS\d+)", result.stdout, re.MULTILINE)
    assert {file for file, _ in errors} == {"bad.ts"}, result.stdout
    # Missing partition key (TS2741), a TTL that is not epoch seconds and a set that is not an array (TS2322).
    assert sorted(code for _, code in errors) == ["TS2322", "TS2322", "TS2741"], result.stdout


@pytest.mark.slow
def test_typed_dicts_check_a_consumer_under_mypy_strict(tmp_path, runner):
    _write_types(tmp_path, ".py", runner)
    (tmp_path / "good.py").write_text(GOOD_PY, encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD_PY, encoding="utf-8")
    files = sorted(p.name for p in tmp_path.glob("*.py"))
    result = run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", tmp_path / ".mypy", *files],
                 cwd=tmp_path)
    errors = re.findall(r"^(\S+?):(\d+): error: (.*)$", result.stdout, re.MULTILINE)
    assert {file for file, _, _ in errors} == {"bad.py"}, result.stdout
    assert any('Missing key "id"' in message for _, _, message in errors), result.stdout
    assert any('"ttl"' in message and "int" in message for _, _, message in errors), result.stdout
    assert any("List item 0" in message and '"float"' in message for _, _, message in errors), result.stdout


def test_keys_are_required_and_other_attributes_optional():
    text = render_typescript(users_and_orders())
    user = text[text.index("export interface User"):]
    assert "  id: string;" in user and "  SK: string;" in user
    assert "  email?: string;" in user and "  ttl?: number;" in user


def test_doc_comments_name_the_table_keys_and_indexes():
    text = render_typescript(users_and_orders())
    assert "Table: env USERS_TABLE (fallback \"users\")." in text
    assert "Partition key id, sort key SK." in text
    assert "Indexes: GSI gsi-email (email); LSI lsi-created (id, createdAt)." in text
    assert 'Table: "orders".' in render_python(users_and_orders())


def test_output_does_not_depend_on_the_order_of_the_models():
    scan = users_and_orders()
    reversed_scan = replace(scan, models=scan.models[::-1], tables=scan.tables[::-1])
    assert render_typescript(reversed_scan) == render_typescript(scan)
    assert render_python(reversed_scan) == render_python(scan)


def test_models_with_the_same_name_in_two_packages_get_distinct_types():
    scan = users_and_orders()
    billing = [m for m in scan.models if m.name == "Order"][0]
    text = render_typescript(replace(scan, models=(*scan.models, replace(billing, package="billing"))))
    assert "export interface BillingOrder {" in text and "export interface ModelsOrder {" in text


def test_attribute_names_that_are_not_identifiers_are_quoted():
    scan = users_and_orders()
    order = [m for m in scan.models if m.name == "Order"][0]
    odd = Attribute("unit-price", "UnitPrice", "float64", "N")
    scan = replace(scan, models=(replace(order, attributes=(*order.attributes, odd)),))
    assert '  "unit-price"?: number;' in render_typescript(scan)
    assert '"unit-price": _typing.NotRequired[float],' in render_python(scan)


def test_a_missing_path_is_an_error_without_a_traceback(tmp_path, runner):
    result = runner.invoke(app, ["types", str(tmp_path / "missing"), "--lang", "ts"])
    assert result.exit_code == 2
    assert "tagscan: error:" in result.stderr and "Traceback" not in result.output


def test_two_fields_writing_one_attribute_give_one_property_typed_by_the_last():
    scan = users_and_orders()
    order = next(m for m in scan.models if m.name == "Order")
    shadow = Attribute("amount", "AmountText", "string", "S")
    scan = replace(scan, models=(replace(order, attributes=(*order.attributes, shadow)),))
    text = render_typescript(scan)
    assert text.count("amount?:") == 1 and "  amount?: string;" in text
