"""TS501 shared-table-key-conflict: models sharing a table disagree on its keys."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import key_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import key_phrase
from tagscan.rules._helpers import models_by_table, source_position, table_label

KEY_ROLES = {"partition_key": "partition key", "sort_key": "sort key"}


class SharedTableKeyConflict(Rule):
    """## What it does
    Compares the table keys of models that share one table (same environment variable or same
    name) and flags a model whose partition or sort key has another attribute name or type
    than the first model's, or that has a sort key the other lacks.

    ## Why is this bad?
    A table has one key schema. Whichever model creates the table wins and the other model's
    reads and writes fail, and a synthesized CloudFormation table cannot satisfy both.

    ## Example
    ```go
    type User struct {
        ID string `dynamorm:"pk,attr:PK"`
    }
    type Order struct {
        OrderID string `dynamorm:"pk"` // attribute orderID
    }
    // both: func (...) TableName() string { return os.Getenv("APP_TABLE_NAME") }
    ```

    Use instead:
    ```go
    type User struct {
        ID string `dynamorm:"pk,attr:PK"`
    }
    type Order struct {
        OrderID string `dynamorm:"pk,attr:PK"`
    }
    ```
    """

    id = "TS501"
    name = "shared-table-key-conflict"
    severity = "error"
    summary = "Models sharing a table disagree on its key schema"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for first, *others in models_by_table(ctx.scan).values():
            for model in others:
                for attr, role in KEY_ROLES.items():
                    theirs, ours = getattr(first, attr), getattr(model, attr)
                    if key_phrase(theirs) != key_phrase(ours):
                        yield self.finding(
                            key_location(model, ours),
                            f"{model.name} and {first.name} share {table_label(model)} but disagree on its {role}:"
                            f" {key_phrase(ours)} here, {key_phrase(theirs)} in {first.name} ({source_position(first)})",
                            hint=f"use the same {role} attribute name and type in every model of the table",
                        )
