"""TS302 repeated-special-field: several ttl, version, created_at or updated_at fields."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import once, registered_structs, repeats

SPECIAL_ROLES = ("ttl", "version", "created_at", "updated_at")


class RepeatedSpecialField(Rule):
    """## What it does
    Flags a second field with the `ttl`, `version`, `created_at` or `updated_at` role in one
    model. Fields named `CreatedAt`/`UpdatedAt` of type `time.Time` have that role without a tag.

    ## Why is this bad?
    The ORM accepts it but uses only the last such field: the other one is never set by the
    library, and a table has a single TTL attribute.

    ## Example
    ```go
    type Session struct {
        ID        string `dynamorm:"pk"`
        ExpiresAt int64  `dynamorm:"ttl"`
        PurgeAt   int64  `dynamorm:"ttl"`
    }
    ```

    Use instead:
    ```go
    type Session struct {
        ID        string `dynamorm:"pk"`
        ExpiresAt int64  `dynamorm:"ttl"`
        PurgeAt   int64
    }
    ```
    """

    id = "TS302"
    name = "repeated-special-field"
    severity = "warning"
    summary = "A model has more than one ttl, version, created_at or updated_at field"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            for role in SPECIAL_ROLES:
                for first, field in repeats(owner.fields, role):
                    yield self.finding(
                        field.location,
                        f"{owner.name} has a second {role} field {field.name} (first: {first.name});"
                        " the ORM silently uses only the last one",
                        hint=f"keep the {role} role on one field",
                    )
