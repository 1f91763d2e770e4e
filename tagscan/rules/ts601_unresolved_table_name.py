"""TS601 unresolved-table-name: a `TableName()` tagscan cannot resolve statically."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import struct_location


class UnresolvedTableName(Rule):
    """## What it does
    Flags a model whose `TableName()` returns something other than a string literal, a constant,
    or `os.Getenv("NAME")` (with an optional literal fallback), e.g. a function call or a field.

    ## Why is this bad?
    tagscan cannot tell which table the model uses: it cannot group it with models sharing the
    table, wire the environment variable in the synthesized stack, or check the name.

    ## Example
    ```go
    func (Order) TableName() string {
        return naming.ResourceNameFromEnv("orders")
    }
    ```

    Use instead:
    ```go
    func (Order) TableName() string {
        return os.Getenv("ORDERS_TABLE_NAME")
    }
    ```
    """

    id = "TS601"
    name = "unresolved-table-name"
    severity = "warning"
    summary = "TableName() cannot be resolved statically"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            if model.table.source == "unresolved":
                yield self.finding(
                    model.table.location or struct_location(model),
                    f"cannot resolve the table name of {model.name}: TableName() returns {model.table.expr}",
                    hint='return a string literal, a constant or os.Getenv("NAME_TABLE_NAME")',
                )
