"""TS206 unknown-tag: a simple directive the ORM does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import field_error, is_tagged, orm_fields, tag_location

SIMPLE_DIRECTIVES = frozenset(
    {"pk", "sk", "version", "ttl", "created_at", "updated_at", "set", "omitempty", "binary", "json", "encrypted"}
)


class UnknownTag(Rule):
    """## What it does
    Flags a tag word that is not one of the ORM's directives: `pk`, `sk`, `version`, `ttl`,
    `created_at`, `updated_at`, `set`, `omitempty`, `binary`, `json`, `encrypted`, or a
    `key:value` directive. Words after an `index:` clause other than `pk`/`sk`/`sparse` count too.

    ## Why is this bad?
    The ORM rejects the model: `field validation failed: invalid struct tag: unknown tag 'unique'`.
    Documentation examples such as `index:gsi-email,unique` fail exactly like this.

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"index:gsi-email,unique"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"index:gsi-email"`
    }
    ```
    """

    id = "TS206"
    name = "unknown-tag"
    severity = "error"
    summary = "A tag directive is unknown to the ORM"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            if not is_tagged(field):
                continue
            for part in field.parts:
                if part.value is None and part.key not in SIMPLE_DIRECTIVES:
                    guess = difflib.get_close_matches(part.key, sorted(SIMPLE_DIRECTIVES), n=1, cutoff=0.75)
                    yield self.finding(
                        tag_location(field),
                        field_error(owner, field, f"unknown tag '{part.key}'"),
                        hint=f"did you mean {guess[0]!r}?" if guess else f"remove {part.key!r}; known directives:"
                        f" {', '.join(sorted(SIMPLE_DIRECTIVES))}",
                    )
