"""TS207 unknown-lsi-modifier: an `lsi:` clause with a modifier other than `sk`."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import field_error, index_clauses, is_tagged, orm_fields, tag_location


class UnknownLsiModifier(Rule):
    """## What it does
    Flags `pk` or `sparse` after an `lsi:NAME` clause: a local secondary index only takes `sk`.

    ## Why is this bad?
    The ORM rejects the model:
    `field validation failed: invalid struct tag: unknown lsi tag modifier 'pk'`.
    An LSI's partition key is always the table's partition key.

    ## Example
    ```go
    type Order struct {
        TenantID string `dynamorm:"pk"`
        ID       string `dynamorm:"sk"`
        Status   string `dynamorm:"lsi:lsi-status,pk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        TenantID string `dynamorm:"pk"`
        ID       string `dynamorm:"sk"`
        Status   string `dynamorm:"lsi:lsi-status"`
    }
    ```
    """

    id = "TS207"
    name = "unknown-lsi-modifier"
    severity = "error"
    summary = "An lsi: clause has a modifier other than sk"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            if not is_tagged(field):
                continue
            for directive, index, modifiers in index_clauses(field):
                for modifier in modifiers:
                    if directive == "lsi" and modifier != "sk":
                        yield self.finding(
                            tag_location(field),
                            field_error(owner, field, f"unknown lsi tag modifier '{modifier}'"),
                            hint=f"write lsi:{index} (the LSI sort key); its partition key is the table's",
                        )
