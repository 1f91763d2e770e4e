"""TS503 attribute-type-conflict: one key attribute name with two types in one table."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import key_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import KeyAttribute, Model
from tagscan.rules._helpers import models_by_table, once, source_position, table_label


def key_uses(model: Model) -> Iterator[tuple[str, KeyAttribute]]:
    """(role, key) for the table keys and index keys of a model; role is e.g. "index gsi1 pk"."""
    yield from (
        (f"table {role}", key) for role, key in (("pk", model.partition_key), ("sk", model.sort_key)) if key
    )
    for index in model.indexes:
        yield from (
            (f"index {index.name} {role}", key)
            for role, key in (("pk", index.partition_key), ("sk", index.sort_key))
            if key
        )


class AttributeTypeConflict(Rule):
    """## What it does
    Collects the key attributes of the table and its indexes over all models sharing a table
    and flags an attribute name that one key declares as S and another as N (or B). Conflicts
    between the same key of two models are TS501/TS502.

    ## Why is this bad?
    A table declares each key attribute once in `AttributeDefinitions`; CloudFormation and the
    CDK reject two types for one name ("already defined as S").

    ## Example
    ```go
    // both models: TableName() returns os.Getenv("APP_TABLE_NAME")
    type User struct {
        ID    string `dynamorm:"pk,attr:PK"`
        Email string `dynamorm:"index:gsi1,attr:gsi1pk"`
    }
    type Order struct {
        ID     string `dynamorm:"pk,attr:PK"`
        Number int64  `dynamorm:"index:gsi2,attr:gsi1pk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk,attr:PK"`
        Number int64  `dynamorm:"index:gsi2,attr:gsi2pk"`
    }
    ```
    """

    id = "TS503"
    name = "attribute-type-conflict"
    severity = "error"
    summary = "One key attribute name has two types in a table"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for models in models_by_table(ctx.scan).values():
            first_use: dict[str, tuple[Model, str, KeyAttribute]] = {}
            roles_seen: set[tuple[str, str]] = set()
            for model in models:
                for role, key in key_uses(model):
                    first, first_role, first_key = first_use.setdefault(key.attribute, (model, role, key))
                    if key.type != first_key.type and (key.attribute, role) not in roles_seen:
                        yield self.finding(
                            key_location(model, key),
                            f"attribute {key.attribute!r} is {key.type} as {role} of {model.name} but"
                            f" {first_key.type} as {first_role} of {first.name} ({source_position(first)})"
                            f" in {table_label(model)}",
                            hint="use one Go type kind (string or number) for every key named"
                            f" {key.attribute!r}, or rename one",
                        )
                    roles_seen.add((key.attribute, role))
