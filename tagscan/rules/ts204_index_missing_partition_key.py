"""TS204 index-missing-partition-key: a GSI with a sort key but no partition key."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import index_members, once, registered_structs

ORM_ERROR = "missing partition key for index"


class IndexMissingPartitionKey(Rule):
    """## What it does
    Flags a global secondary index that no field marks as its partition key: only `sk` roles,
    or `index:NAME,sparse` alone (which gives the field no role at all).

    ## Why is this bad?
    The ORM rejects the model: `missing partition key for index` (without saying which index).

    ## Example
    ```go
    type Order struct {
        ID        string    `dynamorm:"pk"`
        CreatedAt time.Time `dynamorm:"index:gsi-status,sk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID        string    `dynamorm:"pk"`
        Status    string    `dynamorm:"index:gsi-status,pk"`
        CreatedAt time.Time `dynamorm:"index:gsi-status,sk"`
    }
    ```
    """

    id = "TS204"
    name = "index-missing-partition-key"
    severity = "error"
    summary = "A global secondary index has no partition key"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            for index, members in index_members(owner.fields).items():
                # an LSI's partition key is always the table's: the ORM fills it in
                if members[0][1].kind == "GSI" and not any(role.pk for _, role in members):
                    yield self.finding(
                        members[0][0].location,
                        f"{ORM_ERROR} ({index!r} has no field tagged index:{index},pk)",
                        hint=f'tag the partition key field {owner.tag_key}:"index:{index},pk"',
                    )
