"""TS212 encrypted-key: `encrypted` on a table or index key."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import is_tagged, key_roles, orm_fields, rules_of



class EncryptedKey(Rule):
    """## What it does
    Flags a field tagged `encrypted` (or `encrypted:...`) that is also the table's `pk`/`sk` or a
    key of an index.

    ## Why is this bad?
    The ORM rejects the model:
    `invalid struct tag: encrypted fields cannot be used as primary or index keys`
    (from TableTheory 2.x `invalid struct tag: field <GoName>: encrypted fields ...`).
    Envelope-encrypted values differ on every write, so they could never be queried.

    ## Example
    ```go
    type Customer struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"index:gsi-email,encrypted"`
    }
    ```

    Use instead:
    ```go
    type Customer struct {
        ID        string `dynamorm:"pk"`
        Email     string `dynamorm:"encrypted"`
        EmailHash string `dynamorm:"index:gsi-email"` // e.g. an HMAC of the address
    }
    ```
    """

    id = "TS212"
    name = "encrypted-key"
    severity = "error"
    summary = "An encrypted field is a table or index key"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            roles = key_roles(field)
            if is_tagged(field) and field.encrypted and roles:
                yield self.finding(
                    field.location,
                    f"{rules_of(owner).encrypted_key_error(field.name)} ({field.name} is {', '.join(roles)})",
                    hint="drop encrypted from the key, or key on a non-reversible digest of the value",
                )
