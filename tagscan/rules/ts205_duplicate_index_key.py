"""TS205 duplicate-index-key: two partition keys or two sort keys for one index."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import index_members, once, registered_structs

KEY_NAMES = {"pk": "partition", "sk": "sort"}


class DuplicateIndexKey(Rule):
    """## What it does
    Flags a field that is the second partition key (or second sort key) of the same index.

    ## Why is this bad?
    The ORM rejects the model: `duplicate partition key for index NAME` or
    `duplicate sort key for index NAME`. DynamORM indexes have one key attribute per role.

    ## Example
    ```go
    type Order struct {
        ID       string `dynamorm:"pk"`
        TenantID string `dynamorm:"index:gsi-tenant,pk"`
        Status   string `dynamorm:"index:gsi-tenant,pk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID       string `dynamorm:"pk"`
        TenantID string `dynamorm:"index:gsi-tenant,pk"`
        Status   string `dynamorm:"index:gsi-tenant,sk"`
    }
    ```
    """

    id = "TS205"
    name = "duplicate-index-key"
    severity = "error"
    summary = "An index has two partition keys or two sort keys"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            for index, members in index_members(owner.fields).items():
                for role_name, key_name in KEY_NAMES.items():
                    holders = [field for field, role in members if getattr(role, role_name)]
                    for field in holders[1:]:
                        yield self.finding(
                            field.location,
                            f"duplicate {key_name} key for index {index}"
                            f" ({field.name} and {holders[0].name} are both its {role_name})",
                            hint=f"keep index:{index},{role_name} on one field",
                        )
