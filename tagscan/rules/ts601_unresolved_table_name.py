"""TS601 unresolved-table-name: a `TableName()` tagscan cannot resolve statically."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule


class UnresolvedTableName(Rule):
    """## What it does
    Flags a model whose `TableName()` tagscan cannot follow to any name at all. It follows string
    literals, constants, package-level vars, `os.Getenv`/`os.LookupEnv` chains with fallbacks (in
    `if` statements, `cmp.Or`, `strings.TrimSpace`, `sync.Once`), `fmt.Sprintf` and `+`, and
    functions and methods declared in the scanned tree; the message names the part it could not
    follow (a call into a package outside the scan, a field set at run time...).

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
    // scan the package that builds the name too: tagscan lint ./models ./naming
    func (Order) TableName() string {
        return naming.ResourceNameFromEnv("orders")
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
                part = model.table.unfollowed or model.table.expr
                returns = f"TableName() returns {model.table.expr}"
                yield self.finding(
                    model.table.location or struct_location(model),
                    f"cannot resolve the table name of {model.name}: {returns}"
                    + (f", and {part} cannot be followed" if part != model.table.expr else ""),
                    hint="scan the package that declares it too, or suppress this with the reason",
                )
