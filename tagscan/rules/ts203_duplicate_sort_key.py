"""TS203 duplicate-sort-key: two fields tagged `sk` in one model."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import once, registered_structs, rejected_clash, repeats

ORM_ERROR = "duplicate sort key definition"


class DuplicateSortKey(Rule):
    """## What it does
    Flags every field tagged `sk` after the first one of a model, embedded fields included.

    ## Why is this bad?
    The ORM rejects the model: `duplicate sort key definition`. A table has at most one sort key.

    ## Example
    ```go
    type Event struct {
        TenantID  string    `dynamorm:"pk"`
        CreatedAt time.Time `dynamorm:"sk"`
        EventID   string    `dynamorm:"sk"`
    }
    ```

    Use instead:
    ```go
    type Event struct {
        TenantID  string    `dynamorm:"pk"`
        CreatedAt time.Time `dynamorm:"sk"`
        EventID   string    `dynamorm:"index:gsi-event"`
    }
    ```
    """

    id = "TS203"
    name = "duplicate-sort-key"
    severity = "error"
    summary = "More than one field is tagged sk"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            for first, field in repeats(owner.fields, "sk"):
                if rejected_clash(owner, first, field):
                    continue  # TS215: the ORM stops at the duplicate attribute name
                yield self.finding(
                    field.location,
                    f"{ORM_ERROR} ({field.name} and {first.name} are both tagged sk)",
                    hint="keep sk on one field; use index:NAME,sk for another sort order",
                )
