"""TS404 invalid-resource-name: a table or index name DynamoDB rejects."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagscan.lint.locate import index_location, struct_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import once

VALID_NAME = re.compile(r"[A-Za-z0-9_.-]{3,255}")


class InvalidResourceName(Rule):
    """## What it does
    Flags literal table names (from `TableName()` or the pluralised type name) and index names
    that are not 3 to 255 characters of letters, digits, `_`, `-` and `.`. Table names read
    from environment variables are not checked.

    ## Why is this bad?
    The ORM never validates these names, so the mistake surfaces at deploy time or when
    the ORM calls CreateTable.

    ## Example
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:by status"`
    }

    func (Order) TableName() string { return "orders:v2" }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:by-status"`
    }

    func (Order) TableName() string { return "orders-v2" }
    ```
    """

    id = "TS404"
    name = "invalid-resource-name"
    severity = "error"
    summary = "A table or index name is not 3-255 characters of [A-Za-z0-9_.-]"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            table = model.table
            if table.source in ("literal", "default") and not VALID_NAME.fullmatch(table.name or ""):
                yield self.finding(
                    table.location or struct_location(model),
                    f"table name {table.name!r} of {model.name} is not 3-255 characters of [A-Za-z0-9_.-]",
                    hint="return a valid name from TableName(), e.g. \"orders-v2\"",
                )
            for index in model.indexes:
                if not VALID_NAME.fullmatch(index.name):
                    yield self.finding(
                        index_location(model, index.name),
                        f"index name {index.name!r} is not 3-255 characters of [A-Za-z0-9_.-]",
                        hint="use letters, digits, '_', '-' and '.', e.g. gsi-status",
                    )
