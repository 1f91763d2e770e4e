"""TS201 missing-primary-key: a registered struct without a table partition key."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Model
from tagscan.rules._helpers import registered_structs

ORM_ERROR = "missing primary key"


class MissingPrimaryKey(Rule):
    """## What it does
    Flags a model without a field tagged `pk`: a struct with a `TableName` method, or a tagged
    struct that no other struct embeds or uses as a field type (so it can only be a model).

    ## Why is this bad?
    The ORM rejects the model when it is first used: `missing primary key`. A `pk` written after
    an `index:` clause, or hidden in an unexported embed, does not count.

    ## Example
    ```go
    type Order struct {
        ID     string `dynamorm:"index:gsi-id,pk"`
        Status string
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk,index:gsi-id"`
        Status string
    }
    ```
    """

    id = "TS201"
    name = "missing-primary-key"
    severity = "error"
    summary = "A model has no table partition key"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            if any(field.pk and not field.skipped for field in owner.fields):
                continue
            unused = "" if isinstance(owner, Model) else ", and no scanned struct embeds or uses it"
            yield self.finding(
                struct_location(owner),
                f"{ORM_ERROR} ({owner.name} has no field tagged {owner.tag_key}:\"pk\"{unused})",
                hint=f'tag the partition key field {owner.tag_key}:"pk" (before any index: clause)',
            )
