"""TS307 no-op-directive: `sparse` and `project:` that the ORM accepts and never applies."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import index_clauses, is_tagged, orm_fields, tag_location


class NoOpDirective(Rule):
    """## What it does
    Flags `sparse` in an `index:` clause and `project:` directives.

    ## Why is this bad?
    Neither has any effect: the ORM never marks an index sparse (every GSI is sparse anyway: items
    without its key attributes are not indexed) and always creates indexes with projection ALL.
    Readers, and the CDK table, would assume a behaviour that does not exist.

    ## Example
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:gsi-status,sparse,project:keys_only"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:gsi-status"`
    }
    ```
    """

    id = "TS307"
    name = "no-op-directive"
    severity = "warning"
    summary = "sparse and project: have no effect"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in orm_fields(ctx.scan):
            if not is_tagged(field):
                continue
            for _, index, modifiers in index_clauses(field):
                if "sparse" in modifiers:
                    yield self.finding(
                        tag_location(field),
                        f"sparse on index {index!r} has no effect: every GSI only indexes items that have its keys",
                        hint="remove sparse (write pk if it was the clause's only modifier)",
                    )
            for part in field.parts:
                if part.key == "project" and part.value is not None:
                    yield self.finding(
                        tag_location(field),
                        f"{part.text!r} has no effect: the ORM always projects ALL attributes into its indexes",
                        hint=f"remove {part.text!r}",
                    )
