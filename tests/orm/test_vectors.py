"""orm-versions.md's test vectors T1-T22, each under every release its row names (issue 15).

fixtures/orm/<release>/go.mod pins one release; the test makes it a module holding a copy of
fixtures/orm/vectors/ (the Go source is one, only the go.mod differs). A vector's model must
have the attribute names, keys, indexes and projections of the row, and exactly the registration
errors (TS2xx) whose messages start with the row's text.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

import tagscan
from tagscan.lint.engine import run
from tagscan.lint.rule import Finding, LintContext
from tagscan.model import Model, ScanResult
from tagscan.rules import ALL_RULES
from tests.conftest import FIXTURES

ORM = FIXTURES / "orm"
R13, R17, R306, R4 = "v1.3", "v1.7", "v3.0.6", "v4"
EVERY = (R13, R17, R306, R4)
FROM_17 = (R17, R306, R4)
FROM_3 = (R306, R4)
RULE_SET = {R13: "1.0.31", R17: "1.7.0", R306: "3.0.2", R4: "4.0.0"}
OLD_WRAPPER = "field validation failed: "
CAMEL_T1 = ("id", "SK", "gsI1PK", "gsI1SK", "userName")
SHADOWED = (
    'invalid model: duplicate tagged Go field name "Name" mapped to database attribute "name" in a model with'
    " embedded structs is not supported; TableTheory may persist and read a different field than the"
    " consumer's Go code addresses"
)


def wrapped(go_name: str, text: str) -> str:
    return f"field {go_name} validation failed: {text}"


@dataclass(frozen=True)
class Row:
    """What one release registers for one vector; None is not checked."""

    attributes: tuple[str, ...] | None = None  # distinct names, in field order
    pk: str | None = None
    sk: str | None = None
    indexes: dict[str, tuple[str, str | None, str | None, str, tuple[str, ...]]] | None = None
    errors: tuple[str, ...] = ()  # the start of each TS2xx message
    extra: dict = field(default_factory=dict)


VECTORS: dict[str, dict[tuple[str, ...], Row]] = {
    "t01": {
        (R13,): Row(CAMEL_T1, "id", "SK", {"gsi1": ("GSI", "gsI1PK", "gsI1SK", "ALL", ())}),
        FROM_17: Row(("ID", "SK", "GSI1PK", "GSI1SK", "UserName"), "ID", "SK", {"gsi1": ("GSI", "GSI1PK", "GSI1SK", "ALL", ())}),
    },
    "t02": {EVERY: Row(CAMEL_T1, "id", "SK", {"gsi1": ("GSI", "gsI1PK", "gsI1SK", "ALL", ())})},
    "t03": {
        (R13,): Row(("userID", "entity", "emailHash", "firstName"), "userID", "entity", {"gsi-email": ("GSI", "emailHash", None, "ALL", ())}),
        FROM_17: Row(("PK", "SK", "emailHash", "firstName"), "PK", "SK", {"gsi-email": ("GSI", "emailHash", None, "ALL", ())}),
    },
    "t04": {FROM_17: Row(("userId",), "userId")},
    "t05": {
        (R17,): Row(("PK",), errors=("duplicate primary key definition: duplicate primary key definition",)),
        FROM_3: Row(("PK",), errors=('duplicate primary key definition: duplicate database attribute name "PK" for fields ID1 and ID2',)),
    },
    "t06": {
        (R17,): Row(errors=(OLD_WRAPPER + 'invalid struct tag: attribute name must be pascalCase (got "Created_At")',)),
        FROM_3: Row(errors=(wrapped("Created_At", 'invalid struct tag: attribute name must be pascalCase (got "Created_At")'),)),
    },
    "t07": {EVERY: Row(("id", "user_id"), "id")},
    "t08": {
        (R13, R17): Row(errors=(OLD_WRAPPER + "invalid struct tag: unknown lsi tag modifier 'pk'",)),
        FROM_3: Row(errors=(wrapped("Status", "invalid struct tag: unknown lsi tag modifier 'pk'"),)),
    },
    "t09": {EVERY: Row(("PK", "SK", "a", "b"), "PK", "SK", {"byX": ("LSI", "PK", "a", "ALL", ())})},
    "t10": {
        (R13,): Row(errors=(OLD_WRAPPER + "invalid struct tag: attribute name cannot be empty",)),
        (R17, R306): Row(("id", "value"), "id"),
        (R4,): Row(errors=(wrapped("Value", "invalid struct tag: attr: is empty"),)),  # the exact v4 text is not known
    },
    "t11": {(R13,): Row(("id", "b")), FROM_17: Row(("id", "a"))},
    "t12": {
        (R13,): Row(("id", "foo")),
        (R17,): Row(errors=(OLD_WRAPPER + 'invalid struct tag: attribute name must be camelCase (got " foo")',)),
        FROM_3: Row(errors=(wrapped("X", 'invalid struct tag: attribute name must be camelCase (got " foo")'),)),
    },
    "t13": {
        (R13, R17): Row(("id", "shared")),
        FROM_3: Row(errors=('invalid model: duplicate database attribute name "shared" for fields First and Second',)),
    },
    "t14": {(R13, R17): Row(("name", "id")), FROM_3: Row(errors=(SHADOWED,))},
    "t15": {(R13, R17, R306): Row(("PK", "isAdmin", "name"), "PK"), (R4,): Row(("PK", "name"), "PK")},
    "t16": {
        (R13, R17): Row(errors=(OLD_WRAPPER + "invalid struct tag: ttl field must be int64 or uint64",)),
        FROM_3: Row(errors=(wrapped("ExpiresAt", "invalid struct tag: ttl field must be int64 or uint64"),)),
    },
    "t17": {EVERY: Row(("id", "g"), "id", None, {})},
    "t18": {
        (R13, R17): Row(errors=("invalid struct tag: encrypted fields cannot be used as primary or index keys",)),
        FROM_3: Row(errors=("invalid struct tag: field PK: encrypted fields cannot be used as primary or index keys",)),
    },
    "t19": {
        (R13, R17): Row(indexes={"gsi-title": ("GSI", "title", None, "ALL", ())}),
        FROM_3: Row(indexes={"gsi-title": ("GSI", "title", None, "INCLUDE", ("count", "payload"))}),
    },
    "t20": {FROM_17: Row(errors=('invalid model: unsupported write_policy.mode "append_only"',))},
    "t21": {FROM_17: Row(errors=("missing primary key",))},
    "t22": {
        (R13, R17): Row(errors=(OLD_WRAPPER + 'invalid struct tag: attribute name must be snake_case (got "PK")',)),
        FROM_3: Row(errors=(wrapped("PK", 'invalid struct tag: attribute name must be snake_case (got "PK")'),)),
    },
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[ScanResult, tuple[Finding, ...]]]:
    """The scan and the lint findings of the vectors as a module of one release (once each)."""

    @functools.cache
    def of(release: str) -> tuple[ScanResult, tuple[Finding, ...]]:
        module = tmp_path_factory.mktemp(release)
        shutil.copy(ORM / release / "go.mod", module / "go.mod")
        shutil.copytree(ORM / "vectors", module / "vectors")
        result = tagscan.scan(module)
        return result, tuple(run(LintContext(result), ALL_RULES, select=["ALL"]).findings)

    return of


def _cases() -> list[object]:
    return [
        pytest.param(vector, release, row, id=f"{vector.upper()}-{release}")
        for vector, rows in VECTORS.items()
        for releases, row in rows.items()
        for release in releases
    ]


@pytest.mark.parametrize(("vector", "release", "row"), _cases())
def test_vector_registers_as_the_release_says(scanned, vector: str, release: str, row: Row) -> None:  # noqa: ANN001
    result, findings = scanned(release)
    where = f"vectors/{vector}/"
    models = [m for m in result.models if m.file.startswith(where)]
    assert len(models) == 1, [m.name for m in result.models]
    model: Model = models[0]
    assert model.orm is not None and model.orm.rules == RULE_SET[release]
    if row.attributes is not None:
        assert tuple(dict.fromkeys(a.name for a in model.attributes)) == row.attributes
    if row.pk is not None:
        assert model.partition_key is not None and model.partition_key.attribute == row.pk
    if row.sk is not None:
        assert model.sort_key is not None and model.sort_key.attribute == row.sk
    if row.indexes is not None:
        got = {
            i.name: (i.kind, i.partition_key.attribute if i.partition_key else None,
                     i.sort_key.attribute if i.sort_key else None, i.projection, i.non_key_attributes)
            for i in model.indexes
        }
        assert got == row.indexes
    errors = sorted(f.message for f in findings if f.file.startswith(where) and f.rule.startswith("TS2"))
    assert len(errors) == len(row.errors), errors
    for expected in row.errors:
        assert any(message.startswith(expected) for message in errors), (expected, errors)


def test_every_vector_and_release_is_checked() -> None:
    assert sorted(VECTORS) == sorted(p.name for p in (ORM / "vectors").iterdir())
    assert sorted(RULE_SET) == sorted(p.name for p in ORM.iterdir() if (p / "go.mod").is_file())


def test_the_first_field_naming_an_index_decides_gsi_or_lsi(tmp_path) -> None:  # noqa: ANN001
    # T9 the other way round: `index:byX,pk` first stays a GSI; a later `lsi:byX` does not change it.
    (tmp_path / "go.mod").write_text("module example.com/svc\nrequire github.com/theory-cloud/tabletheory/v3 v3.0.6\n")
    (tmp_path / "shipment.go").write_text(
        'package svc\n\ntype Shipment struct {\n\tPK string `theorydb:"pk"`\n\tSK string `theorydb:"sk"`\n'
        '\tB  string `theorydb:"index:byX,pk"`\n\tA  string `theorydb:"lsi:byX"`\n}\n\n'
        'func (Shipment) TableName() string { return "shipments" }\n'
    )
    (index,) = tagscan.scan(tmp_path).models[0].indexes
    assert (index.kind, index.partition_key.attribute, index.sort_key.attribute) == ("GSI", "b", "a")
