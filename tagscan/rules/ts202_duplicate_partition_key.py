"""TS202 duplicate-partition-key: two fields tagged `pk` in one model."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import once, registered_structs, rejected_clash, repeats

ORM_ERROR = "duplicate primary key definition: duplicate primary key definition"


class DuplicatePartitionKey(Rule):
    """## What it does
    Flags every field tagged `pk` after the first one of a model, embedded fields included.

    ## Why is this bad?
    The ORM rejects the model: `duplicate primary key definition`. A table has exactly one
    partition key; a second `pk` in an embedded base struct counts too.

    ## Example
    ```go
    type Order struct {
        ID       string `dynamorm:"pk"`
        TenantID string `dynamorm:"pk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID       string `dynamorm:"pk"`
        TenantID string `dynamorm:"index:gsi-tenant"`
    }
    ```
    """

    id = "TS202"
    name = "duplicate-partition-key"
    severity = "error"
    summary = "More than one field is tagged pk"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            for first, field in repeats(owner.fields, "pk"):
                if rejected_clash(owner, first, field):
                    continue  # TS215: the ORM stops at the duplicate attribute name
                yield self.finding(
                    field.location,
                    f"{ORM_ERROR} ({field.name} and {first.name} are both tagged pk)",
                    hint="keep pk on one field; use index:NAME for another access pattern",
                )
